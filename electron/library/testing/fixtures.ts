// Test helper: the shared fixtures live in ../shared/fixtures from the project root; a git
// worktree one level deeper finds them at ../../shared/fixtures. SHELFMARK_FIXTURES overrides.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function fixturesDir(): string {
  const candidates = [
    process.env.SHELFMARK_FIXTURES,
    resolve('..', 'shared', 'fixtures'),
    resolve('..', '..', 'shared', 'fixtures'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`shared fixtures not found (looked in ${candidates.join(', ')})`);
  return found;
}

export const fixturePath = (name: string): string => join(fixturesDir(), name);
export const readFixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');
