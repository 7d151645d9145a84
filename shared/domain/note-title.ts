// A note's title is its first line of Markdown. Lists show it as plain text, and do so without
// the Markdown renderer (marked + DOMPurify load lazily, off the first screen): this strips the
// inline syntax a first line carries, and nothing more. React escapes the result when shown.

// backslash-escaped punctuation is hidden in a private-use range while the syntax is removed,
// so `\*` stays a literal star instead of opening an emphasis
const HIDE = 0xe000;
const hide = (s: string) =>
  s.replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => String.fromCharCode(HIDE + c.charCodeAt(0)));
const unhide = (s: string) =>
  s.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - HIDE));

/** The plain text of one line of Markdown: headings, emphasis, code, links and tags removed. */
export function plainNoteTitle(line: string): string {
  let s = hide(line.trim());
  // block markers at the start: heading, quote, list bullet or number, task box
  s = s
    .replace(/^#{1,6}\s+/, '')
    .replace(/^(>\s*)+/, '')
    .replace(/^([-*+]|\d+[.)])\s+/, '')
    .replace(/^\[[ xX]\]\s+/, '');
  s = s
    .replace(/`+([^`]+?)`+/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/\[([^\]]+)\](\([^)]*\)|\[[^\]]*\])/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  // emphasis, strongest first; `_` only at word edges, so snake_case names stay whole
  s = s
    .replace(/(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
  return unhide(s).replace(/\s+/g, ' ').trim();
}
