// The shared fixtures live beside the project (`../shared/fixtures`); a git worktree sits one
// level deeper, so both places are tried.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES =
  [resolve('../shared/fixtures'), resolve('../../shared/fixtures')].find((p) => existsSync(p)) ??
  resolve('../shared/fixtures');

export function fixture(name: string): string {
  return resolve(FIXTURES, name);
}
