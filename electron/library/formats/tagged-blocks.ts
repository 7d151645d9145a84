// EndNote tagged (.enw) and PubMed MEDLINE (.nbib) files share one layout: records separated by
// blank lines, one `tag value` per line, untagged lines continuing the value above. Only the tag
// syntax, the tag that opens a record and how a continued value is joined differ, so one splitter
// serves both readers.
import type { ImportProblem } from '../../../shared/domain/import';
import { normaliseText, problem } from './record';

/** One record's tags and values in file order, with the line the record starts on. */
export interface TaggedBlock {
  line: number;
  tags: [tag: string, value: string][];
}

export interface TaggedSyntax {
  /** A tag line: group 1 is the tag, group 2 the value. */
  tagLine: RegExp;
  /** The tag that starts a new record even without a blank line before it. */
  startTag: string;
  /** Put between a value and its continuation line. */
  joiner: string;
  /** The problem reported for untagged text that has no value to continue. */
  stray: string;
}

/** The records of a blank-line-separated tagged file; stray text is added to `problems`. */
export function taggedBlocks(
  text: string,
  file: string,
  problems: ImportProblem[],
  syntax: TaggedSyntax,
): TaggedBlock[] {
  const out: TaggedBlock[] = [];
  let cur: TaggedBlock | null = null;
  const lines = normaliseText(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trimEnd();
    if (!raw.trim()) {
      cur = null;
      continue;
    }
    const m = syntax.tagLine.exec(raw);
    if (!m) {
      const last = cur?.tags[cur.tags.length - 1];
      if (last) last[1] += syntax.joiner + raw.trim();
      else problems.push(problem(file, i + 1, syntax.stray));
      continue;
    }
    if (!cur || m[1] === syntax.startTag) {
      cur = { line: i + 1, tags: [] };
      out.push(cur);
    }
    cur.tags.push([m[1]!, m[2]!.trim()]);
  }
  return out;
}
