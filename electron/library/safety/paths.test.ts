// A corpus of hostile attachment names and BibTeX `file` / RIS `L1` values: whatever the guard
// lets through stays inside the library; nothing outside is read, written or created.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  lstatSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { resolveInside } from '../attachments/paths';
import { attachmentTarget, libraryRelative, resolveInsideLibrary } from './paths';

let root: string;
let folder: string;
let outside: string;

/** Every file under `dir` with its hash: the "nothing outside changed" fingerprint. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) continue; // the planted links; their targets are walked directly
      if (st.isDirectory()) walk(p);
      else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shelfmark-paths-'));
  folder = join(root, 'library');
  outside = join(root, 'outside');
  mkdirSync(join(folder, 'files', 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'do not touch');
  writeFileSync(join(root, 'passwd'), 'root:x:0:0');
  // symlinks planted inside the library by a hostile archive or sync tool
  symlinkSync(outside, join(folder, 'files', 'escape-dir'));
  symlinkSync(join(outside, 'secret.txt'), join(folder, 'files', 'escape-file.pdf'));
  symlinkSync(join(outside, 'not-there-yet.pdf'), join(folder, 'files', 'dangling.pdf'));
  symlinkSync('../../outside', join(folder, 'files', 'relative-escape'));
  symlinkSync('sub', join(folder, 'files', 'inner-link')); // stays inside: allowed
});

const LONG = 'a'.repeat(300);

/** Paths that must be refused. */
const HOSTILE: string[] = [
  '../secret.txt',
  '../../outside/secret.txt',
  'files/../../outside/secret.txt',
  'files/../../../passwd',
  '..',
  '../',
  'files/sub/../../..',
  '..\\..\\outside\\secret.txt',
  'files\\..\\..\\passwd',
  '/etc/passwd',
  '/tmp/evil.pdf',
  '//server/share/paper.pdf',
  '\\\\server\\share\\paper.pdf',
  '\\\\?\\C:\\Windows\\win.ini',
  '\\\\.\\PhysicalDrive0',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  'c:/windows/win.ini',
  'C:paper.pdf',
  'D:..\\..\\x.pdf',
  'files/paper.pdf\u0000.txt',
  '\u0000',
  'files/\u0000/x',
  'files/line\nbreak.pdf',
  'files/tab\there.pdf',
  'files/esc\u001b[31m.pdf',
  'files/del\u007f.pdf',
  `files/${LONG}.pdf`,
  `files/${'d/'.repeat(2100)}x.pdf`,
  'files/escape-dir/secret.txt',
  'files/escape-dir/new-file.pdf',
  'files/escape-file.pdf',
  'files/dangling.pdf',
  'files/relative-escape/secret.txt',
  'files/escape-dir',
  'file:///etc/passwd',
  'file://C:/Windows/win.ini',
  'http://evil.example/paper.pdf',
  'javascript:alert(1)',
  '~/.ssh/id_rsa',
  '~root/.bashrc',
  'files/CON',
  'files/nul.pdf',
  'files/COM1.txt',
  'files/LPT9',
  'files/trailing-dot.',
  'files/trailing-space ',
  'files/a<b>.pdf',
  'files/pipe|name.pdf',
  'files/what?.pdf',
  'files/star*.pdf',
  'files/quote".pdf',
  'files/ads.pdf:Zone.Identifier',
  '',
  '.',
  './',
  '...',
  'files/....',
  ' ..',
];

/** Odd but harmless paths that resolve inside the library. */
const ALLOWED: string[] = [
  'files/paper.pdf',
  'files/sub/paper.pdf',
  'files/./paper.pdf',
  'files//double//slash.pdf',
  'files\\windows\\separators.pdf',
  'files/inner-link/through-an-inside-symlink.pdf',
  'files/ünïcødé – paper (2020).pdf',
  'files/.hidden.pdf',
  'files/%2e%2e%2fencoded.pdf',
  'files/..hidden-dots.pdf',
];

describe(`resolveInsideLibrary: ${HOSTILE.length} hostile paths refused`, () => {
  it('the corpus has at least 50 hostile entries', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
  });

  it.each(HOSTILE.map((p) => [JSON.stringify(p).slice(0, 60), p]))('refuses %s', (_label, p) => {
    let error: unknown;
    try {
      resolveInsideLibrary(folder, p);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
    expect((error as AppError).message).toMatch(/^Attachment path .* was refused: /);
  });
});

describe('resolveInsideLibrary: odd but safe paths stay inside', () => {
  it.each(ALLOWED)('%s', (p) => {
    const abs = resolveInsideLibrary(folder, p);
    expect(abs.startsWith(folder + sep)).toBe(true);
    expect(libraryRelative(folder, abs).startsWith('files/')).toBe(true);
  });

  it('attachmentTarget puts names under files/ and refuses climbing out of it', () => {
    expect(attachmentTarget(folder, 'x.pdf')).toBe(join(folder, 'files', 'x.pdf'));
    expect(() => attachmentTarget(folder, '../library.sqlite')).toThrow(/refused/);
  });
});

describe('writing and reading through the guard touches nothing outside', () => {
  it('tries every corpus entry as a write and a read; outside stays byte-for-byte the same', () => {
    const before = tree(root);
    let written = 0;
    for (const p of [...HOSTILE, ...ALLOWED]) {
      let target: string;
      try {
        target = resolveInsideLibrary(folder, p);
      } catch {
        continue; // refused: nothing attempted
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `attachment ${p}`);
      expect(readFileSync(target, 'utf8')).toBe(`attachment ${p}`);
      written++;
    }
    expect(written).toBe(ALLOWED.length);
    const after = tree(root);
    for (const [file, hash] of Object.entries(before)) {
      if (!file.startsWith(folder + sep)) expect(after[file]).toBe(hash);
    }
    const newOutside = Object.keys(after).filter(
      (f) => !f.startsWith(folder + sep) && !(f in before),
    );
    expect(newOutside).toEqual([]);
    expect(existsSync(join(outside, 'not-there-yet.pdf'))).toBe(false);
    expect(existsSync(join(outside, 'new-file.pdf'))).toBe(false);
  });
});

describe('the attachments guard (attachments/paths.ts resolveInside) lets nothing out either', () => {
  it('every corpus entry it accepts stays inside, and writing there touches nothing outside', () => {
    const before = tree(root);
    let accepted = 0;
    for (const p of [...HOSTILE, ...ALLOWED]) {
      let target: string;
      try {
        target = resolveInside(folder, p);
      } catch {
        continue;
      }
      accepted++;
      expect(target === folder || target.startsWith(folder + sep), p).toBe(true);
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, `attachments guard ${p}`);
      } catch (e) {
        // the OS refusing the name (too long, …) writes nothing: not an escape
        expect((e as NodeJS.ErrnoException).code, p).toMatch(/ENAMETOOLONG|EINVAL|ENOTDIR|EISDIR/);
      }
    }
    expect(accepted).toBeGreaterThan(0);
    const after = tree(root);
    for (const [file, hash] of Object.entries(before)) {
      if (!file.startsWith(folder + sep)) expect(after[file], file).toBe(hash);
    }
    expect(Object.keys(after).filter((f) => !f.startsWith(folder + sep) && !(f in before))).toEqual(
      [],
    );
    expect(existsSync(join(outside, 'not-there-yet.pdf'))).toBe(false);
  });
});
