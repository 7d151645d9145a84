// Name tables (item types, field names, LaTeX commands) are plain objects, and the names looked
// up in them come from imported files and users. A plain lookup of `constructor` or `toString`
// finds what every object inherits, a function, which then lands in titles, types and exports.

/** `table[name]` if the table itself defines it; inherited properties count as unknown. */
export function own<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
