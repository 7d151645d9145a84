import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../library';
import { addItem, tempLibrary } from '../testing/fixture-library';
import { call, callError } from '../testing/call';
import { AutoExporter, startAutoExport } from './service';
import { isCompleteExport, registerTestFormat } from './testing/test-format';

let lib: Library;
let out: string;
let exporter: AutoExporter | undefined;

beforeAll(registerTestFormat);
beforeEach(() => {
  lib = tempLibrary();
  out = mkdtempSync(join(tmpdir(), 'shelfmark-export-'));
});
afterEach(async () => {
  await exporter?.stop();
  exporter = undefined;
  lib.close();
  rmSync(out, { recursive: true, force: true });
});

function seed(): { inside: number; outside: number; collectionId: number } {
  const inside = addItem(
    lib,
    { type: 'article', citationKey: 'zeta2020', title: 'Zeta' },
    { collections: ['Thesis'] },
  );
  addItem(
    lib,
    { type: 'book', citationKey: 'Alpha2019', title: 'Alpha' },
    { collections: ['Thesis'] },
  );
  const outside = addItem(lib, { type: 'article', citationKey: 'other2021', title: 'Other' });
  const collectionId = lib.db
    .prepare<[], number>(`SELECT id FROM collections WHERE name = 'Thesis'`)
    .pluck()
    .get()!;
  return { inside, outside, collectionId };
}

/** Starts `script` under tsx, waits for it to say ready, kills it with SIGKILL at a random moment. */
/**
 * Starts `script`, waits for it to print `ready` (or, with `afterWrite`, its first `wrote`: on a
 * loaded machine the first export can take longer than the random delay), then kills it with
 * SIGKILL after a random delay.
 */
async function killMidway(script: string, args: string[], afterWrite = false): Promise<string> {
  const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((ready, fail) => {
    p.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(afterWrite ? 'wrote' : 'ready')) ready();
    });
    p.once('exit', () => fail(new Error(`child exited early: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, 30 + Math.random() * 400));
  p.kill('SIGKILL');
  await new Promise((r) => p.once('exit', r));
  return seen;
}

describe('auto-export', () => {
  it('writes at once, rewrites once per edit inside the collection, not for an unrelated edit', async () => {
    const { inside, outside, collectionId } = seed();
    exporter = startAutoExport(lib, { debounceMs: 20, maxWaitMs: 200 });
    const file = join(out, 'thesis.bib');
    const b = await call(lib, 'autoExport.create', {
      collectionId,
      path: file,
      format: 'test-bib',
    });
    expect(b).toMatchObject({ itemCount: 2, lastError: null, path: file });
    expect(b.lastExport).not.toBeNull();
    await exporter.idle();
    const first = readFileSync(file, 'utf8');
    // stable order: by citation key, case-insensitively
    expect(first.match(/^@\w+\{([^,]+),/gm)).toEqual(['@book{Alpha2019,', '@article{zeta2020,']);
    expect(exporter.stats.writes).toBe(1);

    await call(lib, 'items.update', { id: inside, patch: { title: 'Zeta, revised' } });
    await exporter.idle();
    expect(exporter.stats.writes).toBe(2);
    expect(readFileSync(file, 'utf8')).toContain('title = {Zeta, revised}');

    const inode = statSync(file).ino;
    await call(lib, 'items.update', { id: outside, patch: { title: 'Other, revised' } });
    await exporter.idle();
    expect(exporter.stats.writes).toBe(2);
    expect(statSync(file).ino).toBe(inode);

    await call(lib, 'items.trash', { ids: [inside] });
    await exporter.idle();
    expect(exporter.stats.writes).toBe(3);
    expect(readFileSync(file, 'utf8')).not.toContain('zeta2020');
    expect(readdirSync(out)).toEqual(['thesis.bib']);
  });

  it('coalesces a burst of edits into few writes', async () => {
    const { inside } = seed();
    exporter = startAutoExport(lib, { debounceMs: 50, maxWaitMs: 1000 });
    await call(lib, 'autoExport.create', { path: join(out, 'all.bib'), format: 'test-bib' });
    await exporter.idle();
    const before = exporter.stats.writes;
    for (let i = 0; i < 20; i++)
      await call(lib, 'items.update', { id: inside, patch: { title: `T${i}` } });
    await exporter.idle();
    expect(exporter.stats.writes - before).toBeGreaterThanOrEqual(1);
    expect(exporter.stats.writes - before).toBeLessThan(5);
    expect(readFileSync(join(out, 'all.bib'), 'utf8')).toContain('title = {T19}');
  });

  it('keeps bindings across restarts and catches up with changes made meanwhile', async () => {
    const { inside } = seed();
    const file = join(out, 'library.bib');
    await call(lib, 'autoExport.create', { path: file, format: 'test-bib' });
    expect(readFileSync(file, 'utf8')).toContain('% end of export: 3 entries');
    // a change with no exporter running (say, from the CLI)
    await call(lib, 'items.update', { id: inside, patch: { title: 'Changed while closed' } });
    const folder = lib.folder;
    lib.close();
    lib = Library.open(folder);
    const [b] = await call(lib, 'autoExport.list', {});
    expect(b).toMatchObject({ path: file, format: 'test-bib', collectionId: null, itemCount: 3 });
    exporter = startAutoExport(lib, { debounceMs: 20 });
    await exporter.idle();
    expect(readFileSync(file, 'utf8')).toContain('Changed while closed');
  });

  it('records an error in the status and clears it when the export works again', async () => {
    seed();
    const dir = join(out, 'sub');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const file = join(dir, 'x.bib');
    const b = await call(lib, 'autoExport.create', { path: file, format: 'test-bib' });
    rmSync(dir, { recursive: true });
    const [failed] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(failed!.lastError).toMatch(/ENOENT/);
    mkdirSync(dir);
    const [ok] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(ok!.lastError).toBeNull();
    expect(existsSync(file)).toBe(true);
  });

  it('says in plain words when the folder is gone or is no longer a folder, naming no temp file', async () => {
    seed();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = join(out, 'paper');
    mkdirSync(dir);
    const file = join(dir, 'refs.bib');
    const b = await call(lib, 'autoExport.create', { path: file, format: 'test-bib' });
    const before = await call(lib, 'items.list', {});
    rmSync(dir, { recursive: true });
    const [gone] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(gone!.lastError).toBe(
      `The folder ${dir} no longer exists (ENOENT): create it again or bind another file. The library is unchanged.`,
    );
    writeFileSync(dir, 'a file where the folder was');
    const [notDir] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(notDir!.lastError).toMatch(new RegExp(`^${dir} is no longer a folder \\(ENOTDIR\\)`));
    expect(notDir!.lastError).not.toContain('shelfmark-tmp');
    expect((await call(lib, 'items.list', {})).total).toBe(before.total);
  });

  it('refuses bad bindings and changes nothing', async () => {
    seed();
    const bad = [
      { path: 'relative.bib', format: 'test-bib' },
      { path: join(out, 'x.txt'), format: 'test-bib' },
      { path: join(out, 'missing', 'x.bib'), format: 'test-bib' },
      { path: join(out, 'x.bib'), format: 'no-such-format' },
      { path: join(out, 'x.bib'), format: 'test-bib', collectionId: 999 },
      { path: out + '/', format: 'test-bib' },
    ];
    for (const input of bad) {
      const e = await callError(lib, 'autoExport.create', input);
      expect(['invalid_input', 'not_found']).toContain(e.code);
    }
    expect(await call(lib, 'autoExport.list', {})).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    await call(lib, 'autoExport.create', { path: join(out, 'x.bib'), format: 'test-bib' });
    expect(
      (await callError(lib, 'autoExport.create', { path: join(out, 'x.bib'), format: 'test-bib' }))
        .code,
    ).toBe('conflict');
  });

  it('never leaves a truncated file when the exporting process is killed (kill -9, repeatedly)', async () => {
    // enough text that a write takes a while, so kills land in the middle of writes
    lib.write(() => {
      const insert = lib.db.prepare(
        `INSERT INTO items (type, citation_key, title, abstract, date_added, date_modified) VALUES ('article', ?, ?, ?, 'x', 'x')`,
      );
      for (let i = 0; i < 1500; i++)
        insert.run(`k${i}`, `Title ${i}`, 'lorem ipsum dolor sit amet '.repeat(40));
    });
    const file = join(out, 'big.bib');
    const b = await call(lib, 'autoExport.create', { path: file, format: 'test-bib' });
    const folder = lib.folder;
    lib.close();
    const child = join(import.meta.dirname, 'testing', 'export-loop.ts');
    let killedAfterWrites = 0;
    for (let round = 0; round < 12; round++) {
      const seen = await killMidway(child, [folder, String(b.id)], round % 2 === 1);
      if (/wrote \d+/.test(seen)) killedAfterWrites++;
      const text = readFileSync(file, 'utf8');
      expect(isCompleteExport(text), `round ${round}: truncated file (${text.length} bytes)`).toBe(
        true,
      );
    }
    expect(killedAfterWrites).toBeGreaterThan(0);
    // the next export cleans up temp files the killed processes left behind
    lib = Library.open(folder);
    await call(lib, 'autoExport.run', {});
    expect(readdirSync(out)).toEqual(['big.bib']);
    expect(isCompleteExport(readFileSync(file, 'utf8'))).toBe(true);
  }, 180_000);

  it('(control) the same kills do truncate a file written in place, so the test above can fail', async () => {
    const file = join(out, 'naive.bib');
    const { writeFileSync } = await import('node:fs');
    const entries = Array.from(
      { length: 1500 },
      (_, i) =>
        `@article{k${i},\n  title = {Title ${i}},\n  abstract = {${'lorem ipsum '.repeat(80)}},\n}\n`,
    );
    writeFileSync(file, `${entries.join('\n')}% end of export: 1500 entries\n`);
    let truncated = 0;
    for (let round = 0; round < 4; round++) {
      await killMidway(join(import.meta.dirname, 'testing', 'naive-loop.ts'), [file]);
      if (!isCompleteExport(readFileSync(file, 'utf8'))) truncated++;
    }
    expect(truncated).toBeGreaterThan(0);
  }, 120_000);
});
