// The start-up check passed, but the read-write connection that should take over could not be
// set up (here its pragmas fail, as a busy or read-only file would make them). That happens in
// the worker's message callback: it must not throw out of it, the rows must stay readable, and
// every write must be refused with a message naming the problem, leaving the file unchanged.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../../cli/command';
import { Library } from '../library';
import { bases, copyLibrary, digest, items, makeBases } from './corruption-variants';

const EMPTY = createHash('sha256').digest('hex');
const failPragmas = vi.hoisted(() => ({ on: false }));

vi.mock('../db/open', async (original) => {
  const real = await original<typeof import('../db/open')>();
  return {
    ...real,
    applyPragmas: (db: Parameters<typeof real.applyPragmas>[0]) => {
      if (failPragmas.on) throw new Error('database is locked');
      real.applyPragmas(db);
    },
  };
});

beforeAll(makeBases);

describe('a passing check whose read-write reopen fails', () => {
  it('keeps reads working and refuses writes with the reason, changing nothing', async () => {
    const folder = copyLibrary(bases.base);
    const before = digest(folder);
    failPragmas.on = true;
    const lib = await Library.openAsync(folder);
    try {
      const count = items(lib);
      expect(count).toBeGreaterThan(0);
      const err = await call(lib, 'items.create', { type: 'article', title: 'Never saved' }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/passed its check but could not be opened for writing/);
      expect(err?.message).toMatch(/database is locked/);
      // the blocking path says the same
      expect(() => lib.write(() => undefined)).toThrow(/could not be opened for writing/);
      expect(lib.checkStatus()).toEqual({ state: 'ok' });
      expect(items(lib)).toBe(count);
    } finally {
      lib.close();
      failPragmas.on = false;
    }
    // the file is byte-identical; the read-only connection may leave an empty -wal behind
    const after = digest(folder);
    expect(after.db).toBe(before.db);
    expect(after['-wal'] ?? EMPTY).toBe(before['-wal'] ?? EMPTY);
  });

  it('is writable again once the library is reopened', async () => {
    const folder = copyLibrary(bases.base);
    const lib = await Library.openAsync(folder);
    try {
      await lib.whenWritable();
      const count = items(lib);
      await call(lib, 'items.create', { type: 'article', title: 'Saved' });
      expect(items(lib)).toBe(count + 1);
    } finally {
      lib.close();
    }
  });
});
