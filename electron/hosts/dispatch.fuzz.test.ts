// fast-check feeds 1,000 random inputs to every contract call: the wrapper never throws, always
// answers a well-formed result, and an input the schema refuses changes nothing in the library.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../shared/api/contract';
import { ERROR_CODES } from '../../shared/api/result';
import { handlers } from '../library/handlers/index';
import { insertItem } from '../library/items/repo';
import { Library } from '../library/library';
import { dispatch } from './dispatch';

export const RUNS_PER_CALL = 1_000;

/** Values shaped like real inputs (ids, views, names) mixed with anything at all. */
const plausible = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom('', '..', '../../etc/passwd', 'library', 'trash', 'article', 'a/b', '\u0000'),
  fc.string({ maxLength: 40 }),
  fc.constant(null),
  fc.boolean(),
  fc.double(),
);
const shaped = fc.dictionary(
  fc.constantFrom(
    'id',
    'ids',
    'name',
    'title',
    'view',
    'kind',
    'sort',
    'column',
    'patch',
    'tags',
    'itemId',
    'parentId',
    'limit',
    'offset',
    'search',
    'type',
    'creators',
    'fields',
    'citationKey',
    '__proto__',
    'constructor',
  ),
  fc.oneof(plausible, fc.array(plausible, { maxLength: 4 }), fc.dictionary(fc.string(), plausible)),
);
const anyInput = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  shaped,
  fc.constantFrom(undefined, null, 0, '', [], 'x'.repeat(10_000)),
);

function fingerprint(lib: Library): number {
  // total_changes() counts every row this connection inserted, updated or deleted.
  return lib.db.prepare<[], number>('SELECT total_changes()').pluck().get()!;
}

let lib: Library;
beforeAll(() => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-fuzz-')));
  lib.write(() => {
    for (let i = 0; i < 5; i++) insertItem(lib.db, { type: 'article', title: `Fuzz ${i}` });
  });
});
afterAll(() => lib.close());

describe(`dispatch fuzz: ${RUNS_PER_CALL} random inputs per call`, () => {
  it.each(CALL_NAMES.filter((n) => n !== 'backups.restore'))(
    '%s',
    async (name) => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          const before = fingerprint(lib);
          const valid = contract[name].input.safeParse(input ?? {}).success;
          const r = await dispatch(handlers, lib, name, input);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(ERROR_CODES).toContain(r.error.code);
            expect(r.error.code).not.toBe('internal');
            expect(typeof r.error.message).toBe('string');
          }
          if (!valid) {
            refused++;
            expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
            expect(fingerprint(lib)).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_CALL, seed: 42 },
      );
      expect(refused).toBeGreaterThan(0);
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
    300_000,
  ); // backups.create makes a verified backup for every valid input

  it('backups.restore: invalid names are refused and nothing is swapped', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const before = fingerprint(lib);
        const r = await dispatch(handlers, lib, 'backups.restore', input);
        expect(r.ok).toBe(false);
        expect(fingerprint(lib)).toBe(before);
      }),
      { numRuns: RUNS_PER_CALL, seed: 42 },
    );
  });

  it('unknown call names are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 1 }), async (name) => {
        fc.pre(!(typeof name === 'string' && name in contract));
        const r = await dispatch(handlers, lib, name, {});
        expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
      }),
      { numRuns: RUNS_PER_CALL },
    );
  });
});
