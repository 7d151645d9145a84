// Ctrl-C during `shelfmark import`, in a real child process: SHELFMARK_TEST_SIGINT makes the
// CLI signal itself at a chosen moment, so no test depends on how fast the import runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../library/testing/fixtures';
import { runCliLines } from '../test-support/cli';

const BIN = resolve(__dirname, '../../bin/shelfmark.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function importWithSigint(lib: string, at: 'before-commit' | 'after-commit') {
  return new Promise<{ code: number | null; signal: string | null; out: string; err: string }>(
    (ok) => {
      const p = spawn(
        process.execPath,
        [BIN, '--library', lib, 'import', fixturePath('xampl.bib')],
        {
          env: { ...process.env, SHELFMARK_TEST_SIGINT: at },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('exit', (code, signal) => ok({ code, signal, out, err }));
    },
  );
}

async function itemCount(lib: string): Promise<number> {
  const r = await runCliLines(['--library', lib, 'list']);
  return r.out.filter((l) => l !== '').length;
}

describe('Ctrl-C during shelfmark import', () => {
  it('before the commit: the process stops at once and the library is unchanged', async () => {
    const lib = join(mkdtempSync(join(tmpdir(), 'shelfmark-sigint-')), 'lib');
    dirs.push(resolve(lib, '..'));
    const r = await importWithSigint(lib, 'before-commit');
    expect(r.signal).toBe('SIGINT'); // a shell reports 130
    expect(r.out).toBe('');
    expect(await itemCount(lib)).toBe(0);
  }, 60_000);

  it('just after the commit: the report is printed, then the exit code is 130', async () => {
    const lib = join(mkdtempSync(join(tmpdir(), 'shelfmark-sigint-')), 'lib');
    dirs.push(resolve(lib, '..'));
    const r = await importWithSigint(lib, 'after-commit');
    expect(r.out).toMatch(/xampl\.bib: 36 imported, 0 skipped, 0 duplicates \(bibtex\)/);
    expect(r.err).toContain('import: interrupted');
    expect(r.code).toBe(130);
    expect(await itemCount(lib)).toBe(36);
  }, 60_000);
});
