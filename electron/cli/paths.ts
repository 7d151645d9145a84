import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `--library DIR`, else $SHELFMARK_LIBRARY, else $XDG_DATA_HOME/shelfmark (~/.local/share/shelfmark). */
export function defaultLibraryFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHELFMARK_LIBRARY) return resolve(env.SHELFMARK_LIBRARY);
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'shelfmark');
}
