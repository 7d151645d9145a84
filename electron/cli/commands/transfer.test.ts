import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../library/testing/fixtures';
import { runCliText } from '../../test-support/cli';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'shelfmark-cli-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cli = runCliText;

describe('shelfmark import / export', () => {
  it('imports files, prints the report, exits 1 only when something was skipped', async () => {
    const d = tmp();
    const lib = join(d, 'lib');
    const ok = await cli([
      '--library',
      lib,
      'import',
      fixturePath('xampl.bib'),
      fixturePath('biblatex-examples.bib'),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/xampl\.bib: 36 imported, 0 skipped, 0 duplicates \(bibtex\)/);
    expect(ok.out).toMatch(
      /biblatex-examples\.bib: 92 imported, 0 skipped, 0 duplicates \(bibtex\)/,
    );
    const bad = join(d, 'bad.bib');
    writeFileSync(bad, '@article{a, title = {Fine}}\n@article{b, title {broken}}\n');
    const skipped = await cli(['--library', lib, 'import', bad]);
    expect(skipped.code).toBe(1);
    expect(skipped.out).toContain(`${bad}: 1 imported, 1 skipped, 0 duplicates (bibtex)`);
    expect(skipped.out).toContain(`${bad}:2: skipped: @article: field "title" has no "="`);
    const again = await cli(['--library', lib, 'import', '--json', fixturePath('xampl.bib')]);
    expect(again.code).toBe(0);
    const [report] = JSON.parse(again.out) as { imported: number; duplicates: unknown[] }[];
    expect(report).toMatchObject({ imported: 0 });
    expect(report!.duplicates).toHaveLength(36);
  });

  it('names each citation key it had to change, without failing the import', async () => {
    const d = tmp();
    const f = join(d, 'twice.bib');
    writeFileSync(f, '@misc{dup, title = {First}}\n\n@misc{dup, title = {Second}}\n');
    const r = await cli(['--library', join(d, 'lib'), 'import', f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${f}:3: citation key dup is already in use: stored as dupa`);
  });

  it.each(['utf16le', 'utf16be'] as const)(
    'imports a .bib saved as %s without a BOM',
    async (enc) => {
      // it was refused as 'not a format Shelfmark can read'
      const d = tmp();
      const f = join(d, `xampl-${enc}.bib`);
      const le = Buffer.from(readFileSync(fixturePath('xampl.bib'), 'utf8'), 'utf16le');
      writeFileSync(f, enc === 'utf16le' ? le : Buffer.from(le).swap16());
      const r = await cli(['--library', join(d, 'lib'), 'import', f]);
      expect(r.err).toBe('');
      expect(r.out).toContain(`${f}: 36 imported, 0 skipped, 0 duplicates (bibtex)`);
      expect(r.code).toBe(0);
    },
  );

  it('prints a warning for an undefined @string macro, without failing the import', async () => {
    const d = tmp();
    const f = join(d, 'macro.bib');
    writeFileSync(f, '@article{a, title = {T},\n  journal = nojournal}\n');
    const r = await cli(['--library', join(d, 'lib'), 'import', f]);
    expect(r.out).toContain(`${f}: 1 imported, 0 skipped, 0 duplicates (bibtex)`);
    expect(r.out).toContain(
      `${f}:1: warning: a: journal uses the undefined @string macro "nojournal"; its name is kept as the value`,
    );
    expect(r.code).toBe(0);
  });

  it('exports the library or a collection, atomically with -o', async () => {
    const d = tmp();
    const lib = join(d, 'lib');
    await cli(['--library', lib, 'import', fixturePath('xampl.bib')]);
    const stdout = await cli(['--library', lib, 'export', '--format', 'bibtex']);
    expect(stdout.code).toBe(0);
    expect(stdout.out.match(/^@\w+\{/gm)).toHaveLength(37); // 36 entries + the @preamble
    const target = join(d, 'out.bib');
    writeFileSync(target, 'old content');
    const file = await cli(['--library', lib, 'export', '--format', 'biblatex', '-o', target]);
    expect(file.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('@book{whole-set,');
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const none = await cli(['--library', lib, 'export', '--collection', 'Missing']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no collection named "Missing"/);
    const unknown = await cli(['--library', lib, 'export', '--format', 'docx']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown export format "docx"/);
  });

  it('export -o to a folder that is missing or a folder itself: a clear error, no stack', async () => {
    const d = tmp();
    const lib = join(d, 'lib');
    await cli(['--library', lib, 'import', fixturePath('xampl.bib')]);
    const missing = join(d, 'no-such-folder', 'out.bib');
    const r = await cli(['--library', lib, 'export', '-o', missing]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `export: Cannot write ${missing}: the folder ${join(d, 'no-such-folder')} does not exist.`,
    );
    const folder = await cli(['--library', lib, 'export', '-o', d]);
    expect(folder.code).toBe(1);
    expect(folder.err).toBe(`export: Cannot write ${d}: it is a folder.`);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('kill -9 during repeated exports leaves the whole old or the whole new file', async () => {
    const d = tmp();
    const target = join(d, 'refs.bib');
    const versions = ['A', 'B'].map((c) => `${c}\n`.repeat(400_000));
    writeFileSync(target, versions[0]!);
    const script = join(d, 'writer.ts');
    const atomic = join(process.cwd(), 'electron/library/export/atomic-write.ts');
    writeFileSync(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(atomic)};
const v = [${JSON.stringify('A\n')}.repeat(400000), ${JSON.stringify('B\n')}.repeat(400000)];
for (let i = 1; ; i++) writeFileAtomic(${JSON.stringify(target)}, v[i % 2]);`,
    );
    for (let round = 0; round < 10; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 500 + ((round * 97) % 500)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const now = readFileSync(target, 'utf8');
      expect(versions.includes(now)).toBe(true);
    }
    expect(existsSync(target)).toBe(true);
  }, 180_000);
});
