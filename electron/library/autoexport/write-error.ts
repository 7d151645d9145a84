// What an auto-export's status says when its file cannot be written. Node's own message names
// the hidden temp file (`open '.refs.bib.123.ab.shelfmark-tmp'`), which tells the user neither
// what went wrong with their folder nor what to do; the errno code stays for bug reports.
import { dirname } from 'node:path';

const UNCHANGED = 'The library is unchanged.';

export function writeErrorMessage(e: unknown, target: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const dir = dirname(target);
  switch (code) {
    case 'ENOENT':
      return `The folder ${dir} no longer exists (ENOENT): create it again or bind another file. ${UNCHANGED}`;
    case 'ENOTDIR':
      return `${dir} is no longer a folder (ENOTDIR): bind another file. ${UNCHANGED}`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Shelfmark may not write in the folder ${dir} (${code}): make it writable or bind another file. ${UNCHANGED}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk holding ${dir} is full (${code}): the old file is kept as it was. ${UNCHANGED}`;
    case 'EISDIR':
      return `${target} is a folder (EISDIR): bind a .bib file instead. ${UNCHANGED}`;
    default:
      return message;
  }
}
