// The start-up quick_check off the open path (Library.openAsync, what the hosts use): the first
// rows come before the check ends, and a damaged file is still found, reported (status call and
// `library.check` event), protected from writes, left byte-for-byte as it was, and curable by
// restoring the backup offered.
import type { Database } from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvents } from '../../../shared/api/events';
import { call } from '../../cli/command';
import { MIGRATIONS } from '../db/migrations/index';
import { AppError } from '../errors';
import { Library } from '../library';
import { listBackups } from './backups';
import { offerBackupIfFoundDamaged } from './startup';
import { REFUSED, bases, copyLibrary, digest, items, makeBases } from './corruption-variants';

beforeAll(makeBases);

/** Damage only a page-by-page check sees: the header and schema still read, so it opens. */
const ONLY_BY_CHECK = REFUSED.find((v) => v.name.startsWith('torn write'))!;

type Outcome = { refusedAtOpen: AppError } | { reported: EngineEvents['library.check'] };

/** Opens as the hosts do and waits for the background check: refused, reported, or fine. */
async function openInBackground(folder: string): Promise<Outcome | 'ok'> {
  let lib: Library;
  try {
    lib = await Library.openAsync(folder);
  } catch (e) {
    return { refusedAtOpen: e as AppError };
  }
  const events: EngineEvents['library.check'][] = [];
  lib.on((name, payload) => {
    if (name === 'library.check') events.push(payload as EngineEvents['library.check']);
  });
  try {
    await lib.whenWritable();
    return 'ok';
  } catch {
    expect(events).toHaveLength(1);
    expect(lib.checkStatus()).toEqual(events[0]);
    return { reported: events[0]! };
  } finally {
    lib.close();
  }
}

describe('start-up check in the background', () => {
  it('an export asked for during the check waits for it, so its cache claims land on the read-write connection', async () => {
    const folder = copyLibrary(bases.base);
    const lib = await Library.openAsync(folder);
    try {
      expect(lib.checkStatus()).toEqual({ state: 'checking' });
      // the export claims its cache entries, which is a write: it must not start on the
      // read-only connection that the passing check closes
      const early = await call(lib, 'export.items', {
        format: 'bibtex',
        scope: { kind: 'library' },
      });
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
      // its entries were claimed (the claim is a write on the new connection), so later
      // changes to them are logged and the cached text can be trusted
      const claimed = lib.db.prepare<[], number>('SELECT count(*) FROM export_cached').pluck();
      expect(claimed.get()).toBe(items(lib));
      const later = await call(lib, 'export.items', {
        format: 'bibtex',
        scope: { kind: 'library' },
      });
      expect(early).toBe(later);
      expect(early.match(/^@/gm)).toHaveLength(items(lib));
    } finally {
      lib.close();
    }
  });

  it('serves the first sorted rows before the check ends, then becomes writable', async () => {
    const folder = copyLibrary(bases.base);
    const lib = await Library.openAsync(folder);
    try {
      expect(lib.checkStatus()).toEqual({ state: 'checking' });
      expect(lib.db.readonly).toBe(true);
      const page = await call(lib, 'items.list', {
        sort: { column: 'title', direction: 'asc' },
        limit: 100,
      });
      // the verdict arrives as a message, so it cannot have landed during the call above
      expect(lib.checkStatus()).toEqual({ state: 'checking' });
      expect(page.rows).toHaveLength(100);
      expect(page.total).toBe(items(lib));
      const events: unknown[] = [];
      lib.on((name, payload) => events.push([name, payload]));
      await lib.whenWritable();
      expect(events).toEqual([['library.check', { state: 'ok' }]]);
      expect(await call(lib, 'library.check', {})).toEqual({ state: 'ok' });
      expect(lib.db.readonly).toBe(false);
      const created = await call(lib, 'items.create', { type: 'article', title: 'After check' });
      expect(created.id).toBeGreaterThan(0);
    } finally {
      lib.close();
    }
  });

  it('lets a contract write made during the check wait for it instead of failing', async () => {
    const lib = await Library.openAsync(copyLibrary(bases.base));
    try {
      expect(lib.checkStatus().state).toBe('checking');
      const created = await call(lib, 'items.create', { type: 'book', title: 'Early write' });
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
      expect(lib.db.prepare('SELECT title FROM items WHERE id = ?').pluck().get(created.id)).toBe(
        'Early write',
      );
    } finally {
      lib.close();
    }
  });

  it('makes a direct lib.write during the check wait for the verdict (blocking)', async () => {
    const lib = await Library.openAsync(copyLibrary(bases.base));
    try {
      expect(lib.checkStatus().state).toBe('checking');
      const n = lib.write(() =>
        lib.db.prepare(`UPDATE items SET title = title || '!' WHERE id = 1`).run(),
      );
      expect(n.changes).toBe(1);
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
    } finally {
      lib.close();
    }
  });

  it('runs the check before opening when a migration is pending (it writes)', async () => {
    const migrations = [
      ...MIGRATIONS,
      { version: 9_000, name: 'test', up: (d: Database) => d.exec('CREATE TABLE t (x ANY)') },
    ];
    const damagedCopy = copyLibrary(bases.base);
    ONLY_BY_CHECK.damage(damagedCopy);
    const before = digest(damagedCopy);
    // refused at open, as the synchronous open does: the check ran first
    await expect(Library.openAsync(damagedCopy, { migrations })).rejects.toMatchObject({
      code: 'library_damaged',
    });
    expect(digest(damagedCopy)).toEqual(before);
    const migrated = await Library.openAsync(copyLibrary(bases.base), { migrations });
    expect(migrated.checkStatus()).toEqual({ state: 'ok' });
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(9_000);
    migrated.close();
  });
});

describe(`background check: all ${REFUSED.length} damaged variants are still refused or reported`, () => {
  it.each(REFUSED)('$name', async (v) => {
    const folder = copyLibrary(v.from === 'wal' ? bases.walBase : bases.base);
    v.damage(folder);
    const before = digest(folder);
    const outcome = await openInBackground(folder);
    expect(outcome).not.toBe('ok');
    const offered = listBackups(folder)[0]!.name;
    if (outcome !== 'ok' && 'refusedAtOpen' in outcome) {
      expect(outcome.refusedAtOpen).toBeInstanceOf(AppError);
      expect(['library_damaged', 'library_too_new']).toContain(outcome.refusedAtOpen.code);
      expect(outcome.refusedAtOpen.message).toContain(offered);
    } else if (outcome !== 'ok') {
      expect(outcome.reported.state).toBe('damaged');
      expect(outcome.reported.message).toMatch(/damaged.*untouched/s);
      expect(outcome.reported.backup?.name).toBe(offered);
    }
    expect(digest(folder)).toEqual(before); // never overwritten, not even by a checkpoint
  });
});

describe('a file found damaged in the background', () => {
  const variant = ONLY_BY_CHECK;

  it('refuses writes, keeps the rows readable, and is cured by restoring the offered backup', async () => {
    const folder = copyLibrary(bases.base);
    variant.damage(folder);
    const before = digest(folder);
    const lib = await Library.openAsync(folder);
    try {
      expect(lib.checkStatus().state).toBe('checking');
      await expect(lib.whenWritable()).rejects.toMatchObject({ code: 'library_damaged' });
      const status = await call(lib, 'library.check', {});
      expect(status.state).toBe('damaged');
      const offered = status.backup!.name;
      await expect(call(lib, 'items.create', { type: 'book', title: 'x' })).rejects.toMatchObject({
        code: 'library_damaged',
      });
      expect(() => lib.write(() => 0)).toThrow(/damaged/);
      // (while open, the read-only connection's empty -wal exists; closing removes it)
      expect(digest(folder).db).toBe(before.db);

      const events: unknown[] = [];
      lib.on((name, payload) => events.push([name, payload]));
      await call(lib, 'backups.restore', { name: offered });
      expect(events).toContainEqual(['library.check', { state: 'ok' }]);
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(items(lib)).toBe(300);
      const created = await call(lib, 'items.create', { type: 'book', title: 'Restored' });
      expect(created.id).toBeGreaterThan(0);
    } finally {
      lib.close();
    }
  });

  it('is offered its backup by the host start-up helper, which restores into the open library', async () => {
    const folder = copyLibrary(bases.base);
    variant.damage(folder);
    const lib = await Library.openAsync(folder);
    try {
      const asked: string[] = [];
      await offerBackupIfFoundDamaged(lib, async (message, backup) => {
        asked.push(message, backup.name);
        return true;
      });
      expect(asked[0]).toMatch(/damaged/);
      expect(asked[1]).toBe(listBackups(folder)[0]!.name);
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
      expect(items(lib)).toBe(300);
    } finally {
      lib.close();
    }
  });

  it('is found by a blocking write made before the check ends, and nothing is written', async () => {
    const folder = copyLibrary(bases.base);
    variant.damage(folder);
    const before = digest(folder);
    const lib = await Library.openAsync(folder);
    try {
      expect(lib.checkStatus().state).toBe('checking');
      expect(() => lib.write(() => lib.db.prepare('DELETE FROM items').run())).toThrow(/damaged/);
      expect(lib.checkStatus().state).toBe('damaged');
    } finally {
      lib.close();
    }
    expect(digest(folder)).toEqual(before);
  });
});
