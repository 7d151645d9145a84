// Field names the engine keeps for itself inside `Item.fields`: the LaTeX source of imported
// values (`latex:title`) and import bookkeeping (`shelfmark:inherited`). They are data, kept on
// every save, but not something to show or edit as a field.

export function isInternalField(name: string): boolean {
  return name.startsWith('latex:') || name.startsWith('shelfmark:');
}

/** The fields a person should see, in stored order. */
export function visibleFields(fields: Record<string, string>): [string, string][] {
  return Object.entries(fields).filter(([k]) => !isInternalField(k));
}
