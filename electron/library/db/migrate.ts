import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations/index';

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Refuses a database written by a newer Shelfmark; returns its schema version otherwise. */
export function assertNotTooNew(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'library_too_new',
      `This library was written by a newer version of Shelfmark (schema ${current}; this app knows up to ${latest}). Update Shelfmark to open it; the library was not changed.`,
    );
  }
  return current;
}

/**
 * Applies pending migrations in one transaction and records the version in user_version.
 * A database written by a newer Shelfmark is refused untouched: guessing at its schema is how
 * data gets lost.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(
        `migration versions must grow: ${migrations[i]!.version} after ${migrations[i - 1]!.version}`,
      );
    }
  }
  const current = assertNotTooNew(db, migrations);
  const latest = latestVersion(migrations);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // PRAGMA does not take bound parameters; the value is our own integer.
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}
