import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { dispatch } from '../../hosts/dispatch';
import { DB_FILE } from '../db/open';
import { latestVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';
import { handlers } from '../handlers/index';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import {
  KEEP_BACKUPS,
  backupDir,
  commitBackup,
  planBackup,
  verifyDatabaseFile,
} from './backup-files';
import {
  DAY_MS,
  backupBeforeBulk,
  backupLibrary,
  backupScheduler,
  listBackups,
  restoreClosedLibrary,
} from './backups';

const open: Library[] = [];
function fresh(): Library {
  const lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-backup-')));
  open.push(lib);
  return lib;
}
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

function count(lib: Library): number {
  return lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
}
function addItems(lib: Library, n: number, prefix = 'T'): void {
  lib.write(() => {
    for (let i = 0; i < n; i++) insertItem(lib.db, { type: 'article', title: `${prefix} ${i}` });
  });
}
const testMigration = {
  version: latestVersion() + 1,
  name: 'test-next',
  up: (db: Database.Database) => db.exec('CREATE TABLE safety_test (x INTEGER) STRICT'),
};

describe('backups', () => {
  it('writes a verified copy with the online backup API and lists it', async () => {
    const lib = fresh();
    addItems(lib, 25);
    const b = await backupLibrary(lib, 'manual');
    expect(b.reason).toBe('manual');
    const path = join(backupDir(lib.folder), b.name);
    expect(verifyDatabaseFile(path)).toBe('ok');
    const copy = new Database(path, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 25 });
    copy.close();
    expect(listBackups(lib.folder).map((x) => x.name)).toEqual([b.name]);
    // no temporary or sidecar files left next to the backups
    expect(readdirSync(backupDir(lib.folder))).toEqual([b.name]);
  });

  it(`keeps the newest ${KEEP_BACKUPS} and rotates older ones only after the new one verified`, async () => {
    const lib = fresh();
    const made: string[] = [];
    for (let i = 0; i < 10; i++) {
      addItems(lib, 1, `round ${i}`);
      made.push((await backupLibrary(lib, 'manual')).name);
    }
    const kept = listBackups(lib.folder).map((b) => b.name);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept).toEqual(made.slice(-KEEP_BACKUPS).reverse());

    // a backup that fails verification is dropped and rotates nothing out
    const { tmp, name } = planBackup(lib.folder, 'broken');
    writeFileSync(tmp, 'not a database at all');
    expect(() => commitBackup(lib.folder, tmp, name)).toThrow(/integrity check/);
    expect(listBackups(lib.folder).map((b) => b.name)).toEqual(kept);
    expect(existsSync(tmp)).toBe(false);
  });

  it('backs up before a bulk delete through backupBeforeBulk', async () => {
    const lib = fresh();
    addItems(lib, 3);
    const b = await backupBeforeBulk(lib, 'empty trash');
    expect(b.reason).toBe('before-empty-trash');
  });

  it('emptying more than a few items from the trash backs up first; a few do not', async () => {
    const lib = fresh();
    addItems(lib, 10);
    const ids = lib.db.prepare<[], number>('SELECT id FROM items').pluck().all();
    await dispatch(handlers, lib, 'items.trash', { ids });
    expect(await dispatch(handlers, lib, 'items.purge', { ids: ids.slice(0, 2) })).toMatchObject({
      ok: true,
    });
    expect(listBackups(lib.folder)).toHaveLength(0);
    expect(await dispatch(handlers, lib, 'items.purge', { ids: ids.slice(2) })).toMatchObject({
      ok: true,
      value: 8,
    });
    const [b] = listBackups(lib.folder);
    expect(b?.reason).toBe('before-empty-trash');
    const copy = new Database(join(backupDir(lib.folder), b!.name), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 8 });
    copy.close();
  });

  it('Empty Trash and a merge of more than a few duplicates back up first', async () => {
    const lib = fresh();
    addItems(lib, 7);
    const ids = lib.db.prepare<[], number>('SELECT id FROM items ORDER BY id').pluck().all();
    await dispatch(handlers, lib, 'items.trash', { ids: ids.slice(0, 6) });
    expect(await dispatch(handlers, lib, 'trash.empty', {})).toMatchObject({ ok: true, value: 6 });
    expect(listBackups(lib.folder).map((b) => b.reason)).toEqual(['before-empty-trash']);
    // the backup holds the items that were then deleted
    const [b] = listBackups(lib.folder);
    const copy = new Database(join(backupDir(lib.folder), b!.name), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 7 });
    copy.close();

    addItems(lib, 6);
    const all = lib.db.prepare<[], number>('SELECT id FROM items ORDER BY id').pluck().all();
    const [master, ...others] = all;
    const merged = await dispatch(handlers, lib, 'duplicates.merge', {
      groups: [{ masterId: master!, otherIds: others }],
    });
    expect(merged).toMatchObject({ ok: true });
    expect(
      listBackups(lib.folder)
        .map((b) => b.reason)
        .sort(),
    ).toEqual(['before-empty-trash', 'before-merge']);
    expect(lib.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
  });

  it('backs up an existing library before migrating it (sync open: VACUUM INTO; async: backup API)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-migrate-'));
    const lib = Library.open(folder);
    addItems(lib, 4);
    lib.close();
    expect(listBackups(folder)).toHaveLength(0); // a fresh library has nothing to back up

    const migrated = Library.open(folder, { migrations: [...MIGRATIONS, testMigration] });
    migrated.close();
    const [pre] = listBackups(folder);
    expect(pre?.reason).toBe('pre-migration');
    const snap = new Database(join(backupDir(folder), pre!.name), { readonly: true });
    expect(snap.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(snap.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 4 });
    snap.close();

    const next = {
      ...testMigration,
      version: latestVersion() + 2,
      name: 'test-after',
      up: () => {},
    };
    const asyncLib = await Library.openAsync(folder, {
      migrations: [...MIGRATIONS, testMigration, next],
    });
    expect(asyncLib.db.pragma('user_version', { simple: true })).toBe(latestVersion() + 2);
    asyncLib.close();
    const backups = listBackups(folder);
    expect(backups).toHaveLength(2);
    const newest = new Database(join(backupDir(folder), backups[0]!.name), { readonly: true });
    expect(newest.pragma('user_version', { simple: true })).toBe(latestVersion() + 1);
    newest.close();
  });

  it('restores a backup into the open library, keeping the replaced file and a backup of it', async () => {
    const lib = fresh();
    addItems(lib, 10);
    const b = await backupLibrary(lib, 'manual');
    addItems(lib, 5, 'later');
    expect(count(lib)).toBe(15);
    const r = await dispatch(handlers, lib, 'backups.restore', { name: b.name });
    expect(r).toMatchObject({ ok: true, value: { name: b.name } });
    expect(count(lib)).toBe(10);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    addItems(lib, 1, 'after restore'); // still writable
    expect(count(lib)).toBe(11);
    expect(readdirSync(join(lib.folder, 'replaced')).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(listBackups(lib.folder).some((x) => x.reason === 'before-restore')).toBe(true);
  });

  it('refuses a second restore asked for while one runs (dialog and banner at once)', async () => {
    const lib = fresh();
    addItems(lib, 4);
    const b = await backupLibrary(lib, 'manual');
    addItems(lib, 3, 'later');
    const first = dispatch(handlers, lib, 'backups.restore', { name: b.name });
    const second = dispatch(handlers, lib, 'backups.restore', { name: b.name });
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1).toMatchObject({ ok: true, value: { name: b.name } });
    expect(r2).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(r2.ok ? '' : r2.error.message).toMatch(/already being restored/);
    // one restore happened: one before-restore backup, the backup's 4 items, still writable
    expect(listBackups(lib.folder).filter((x) => x.reason === 'before-restore')).toHaveLength(1);
    expect(count(lib)).toBe(4);
    addItems(lib, 1, 'after');
    expect(count(lib)).toBe(5);
    // and once it has finished, restoring again is allowed
    const r3 = await dispatch(handlers, lib, 'backups.restore', { name: b.name });
    expect(r3).toMatchObject({ ok: true });
  });

  it('refuses names that are not backups and backups that fail their check', async () => {
    const lib = fresh();
    addItems(lib, 2);
    for (const name of ['../library.sqlite', '/etc/passwd', 'library-x.sqlite', '']) {
      const r = await dispatch(handlers, lib, 'backups.restore', { name });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const b = await backupLibrary(lib, 'manual');
    writeFileSync(join(backupDir(lib.folder), b.name), 'garbage');
    const r = await dispatch(handlers, lib, 'backups.restore', { name: b.name });
    expect(r).toMatchObject({ ok: false, error: { code: 'library_damaged' } });
    expect(count(lib)).toBe(2);
  });

  it('a refused restore of a damaged backup changes no backup (no before-restore, no rotation)', async () => {
    const lib = fresh();
    addItems(lib, 2);
    for (let i = 0; i < KEEP_BACKUPS; i++) await backupLibrary(lib, `b${i}`);
    const before = listBackups(lib.folder).map((b) => b.name);
    const bad = before[2]!;
    writeFileSync(join(backupDir(lib.folder), bad), 'garbage');
    for (let i = 0; i < 3; i++) {
      const r = await dispatch(handlers, lib, 'backups.restore', { name: bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'library_damaged' } });
    }
    // every attempt used to back up first and rotate: good older backups were lost to copies
    expect(listBackups(lib.folder).map((b) => b.name)).toEqual(before);
  });

  it('refuses a backup written by a newer Shelfmark before anything is swapped', async () => {
    const lib = fresh();
    addItems(lib, 2);
    const b = await backupLibrary(lib, 'manual');
    const copy = new Database(join(backupDir(lib.folder), b.name));
    copy.pragma('user_version = 9999'); // as after a downgrade; integrity_check still passes
    copy.close();
    const r = await dispatch(handlers, lib, 'backups.restore', { name: b.name });
    expect(r).toMatchObject({ ok: false, error: { code: 'library_too_new' } });
    // it used to be swapped in, then refused on reopen: the open library was left closed
    expect(count(lib)).toBe(2);
    expect(existsSync(join(lib.folder, 'replaced'))).toBe(false);
    addItems(lib, 1);
    expect(count(lib)).toBe(3);
  });

  it('an entry in backups/ that is not a backup file blocks neither backups nor a bulk delete', async () => {
    const lib = fresh();
    addItems(lib, 10);
    const good = await backupLibrary(lib, 'manual');
    const dir = backupDir(lib.folder);
    // a dangling link, a link to a file outside the library and a folder, all named like backups
    const outside = join(mkdtempSync(join(tmpdir(), 'shelfmark-outside-')), 'other.sqlite');
    writeFileSync(outside, 'not ours');
    symlinkSync(join(dir, 'gone.sqlite'), join(dir, 'library-20200101T000000000Z-daily.sqlite'));
    symlinkSync(outside, join(dir, 'library-20200102T000000000Z-daily.sqlite'));
    mkdirSync(join(dir, 'library-20200103T000000000Z-daily.sqlite'));
    expect(await dispatch(handlers, lib, 'backups.list', {})).toMatchObject({
      ok: true,
      value: [{ name: good.name }],
    });
    const ids = lib.db.prepare<[], number>('SELECT id FROM items').pluck().all();
    await dispatch(handlers, lib, 'items.trash', { ids });
    expect(await dispatch(handlers, lib, 'trash.empty', {})).toMatchObject({ ok: true, value: 10 });
    expect(listBackups(lib.folder).map((b) => b.reason)).toContain('before-empty-trash');
    // the link out is not a backup of this library: restoring it is refused, nothing replaced
    const r = await dispatch(handlers, lib, 'backups.restore', {
      name: 'library-20200102T000000000Z-daily.sqlite',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(count(lib)).toBe(0);
  });

  it('the restore command a damaged library suggests names that library, not the default one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-cli-suggest-'));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['--library', folder, 'add', '--title', 'Kept'], io)).toBe(0);
    expect(await runCli(['--library', folder, 'backup', 'create'], io)).toBe(0);
    const [b] = listBackups(folder);
    writeFileSync(join(folder, DB_FILE), Buffer.alloc(8192, 0x41));
    expect(await runCli(['--library', folder, 'list'], io)).toBe(1);
    // copied as printed, a command without --library restores into (or fails on) another library
    expect(lines.at(-1)).toContain(`\`shelfmark --library '${folder}' backup restore ${b!.name}\``);
  });

  it('backup restore --newest-good says so when no backup passes its check', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-cli-nogood-'));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['--library', folder, 'add', '--title', 'Kept'], io)).toBe(0);
    expect(await runCli(['--library', folder, 'backup', 'create'], io)).toBe(0);
    writeFileSync(join(backupDir(folder), listBackups(folder)[0]!.name), 'garbage');
    expect(await runCli(['--library', folder, 'backup', 'restore', '--newest-good'], io)).toBe(1);
    // not "name a backup or pass --newest-good": the user did pass it
    expect(lines.at(-1)).toMatch(/no backup .* passes its integrity check/i);
  });

  it('a library file gone from a folder with good backups is refused, not created empty', async () => {
    const lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-missing-')));
    addItems(lib, 3);
    const b = await backupLibrary(lib, 'manual');
    const folder = lib.folder;
    lib.close();
    rmSync(join(folder, DB_FILE)); // deleted by hand, a sync tool, a failed move
    // An empty library in its place looked like lost work, and its daily backups rotated the
    // good ones out within a week.
    expect(() => Library.open(folder)).toThrow(
      expect.objectContaining({
        code: 'library_damaged',
        details: expect.objectContaining({ backup: expect.objectContaining({ name: b.name }) }),
      }),
    );
    expect(existsSync(join(folder, DB_FILE))).toBe(false);
    const io = { out: () => {}, err: () => {} };
    expect(await runCli(['--library', folder, 'backup', 'restore', '--newest-good'], io)).toBe(0);
    const back = Library.open(folder);
    open.push(back);
    expect(count(back)).toBe(3);
  });

  it('restores a damaged, closed library from the CLI without touching it first', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-cli-backup-'));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['--library', folder, 'add', '--title', 'Kept'], io)).toBe(0);
    expect(await runCli(['--library', folder, 'backup', 'create'], io)).toBe(0);
    expect(await runCli(['--library', folder, 'backup', 'list', '--json'], io)).toBe(0);
    const listed = JSON.parse(lines.at(-1)!) as { name: string }[];
    expect(listed).toHaveLength(1);

    writeFileSync(join(folder, DB_FILE), Buffer.alloc(8192, 0x41)); // damage it
    expect(await runCli(['--library', folder, 'list'], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/damaged.*newest backup that passes/s);

    expect(await runCli(['--library', folder, 'backup', 'restore', '--newest-good'], io)).toBe(0);
    expect(await runCli(['--library', folder, 'list'], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/Kept/);
    // the damaged file was moved aside, not deleted
    const replaced = readdirSync(join(folder, 'replaced'));
    expect(replaced.length).toBeGreaterThan(0);
  });

  it('restoreClosedLibrary refuses while another process... holds the lock (here: an open Library)', async () => {
    const lib = fresh();
    const b = await backupLibrary(lib, 'manual');
    await expect(restoreClosedLibrary(lib.folder, b.name)).rejects.toThrow(/in use/);
  });

  it('the daily scheduler backs up once a day, and only when the library is idle', async () => {
    const lib = fresh();
    let clock = Date.parse('2026-01-01T12:00:00Z');
    const s = backupScheduler(lib, { now: () => clock, checkEveryMs: 0, idleMs: 60_000 });
    lib.lastWriteAt = clock - 1_000; // just written: busy
    expect(await s.tick()).toBeNull();
    lib.lastWriteAt = clock - 120_000; // idle for two minutes
    const first = await s.tick();
    expect(first?.reason).toBe('daily');
    clock = Date.now(); // the backup's own timestamp is real time; compare against it
    expect(await s.tick()).toBeNull(); // already backed up today
    clock = Date.now() + DAY_MS + 1;
    lib.lastWriteAt = 0;
    expect((await s.tick())?.reason).toBe('daily');
    expect(listBackups(lib.folder)).toHaveLength(2);
    s.stop();
  });

  it('the daily scheduler checks soon after start, not only after its first interval', async () => {
    // a user who opens Shelfmark for a few minutes a day never reached the first 10-minute tick
    const lib = fresh();
    addItems(lib, 2);
    const s = backupScheduler(lib, { firstCheckMs: 10, checkEveryMs: 3_600_000, idleMs: 0 });
    const deadline = Date.now() + 5_000;
    while (listBackups(lib.folder).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    s.stop();
    expect(listBackups(lib.folder).map((b) => b.reason)).toEqual(['daily']);
  });
});
