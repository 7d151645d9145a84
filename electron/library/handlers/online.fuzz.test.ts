// Random input to every online call: a validation error, a typed error, or a result — never an
// internal error or a crash. The suites only reach local hosts (SHELFMARK_LOCAL_NETWORK_ONLY), so
// whatever URL or identifier the fuzzer invents, nothing leaves the machine.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineCalls } from '../../../shared/api/online';
import { dispatch } from '../../hosts/dispatch';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { handlers } from './index';

let lib: Library;
let cleanup: () => void;
beforeAll(() => {
  ({ lib, cleanup } = tempLibrary());
});
afterAll(() => cleanup());

const identifierish = fc.oneof(
  fc.constantFrom(
    '10.1038/nature14539',
    'arXiv:1706.03762v2',
    'hep-th/9711200',
    '9780262033848',
    'PMID 1',
  ),
  fc.string({ maxLength: 40 }),
);
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.webUrl(),
  fc.uuid(),
  fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 3 }),
);
const input = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'text',
      'downloadPdf',
      'ids',
      'itemId',
      'proposalId',
      'fields',
      'url',
      'title',
      'id',
      'feedId',
      'entryIds',
      'read',
      'hidden',
      'entryId',
      'pdf',
      'enabled',
      'contactEmail',
      'baseUrls',
      'arxivIntervalMs',
      'timeoutMs',
      'retries',
      'feedIntervalHours',
      'limit',
      'offset',
    ),
    value,
    { maxKeys: 4 },
  ),
  fc.record({ text: fc.array(identifierish, { maxLength: 4 }).map((a) => a.join('\n')) }),
  fc.anything({ maxDepth: 2 }),
);

describe('online calls under random input', () => {
  it('never fail with an internal error', async () => {
    // No feed or service is reachable here: the network switch stays on, real hosts are refused.
    await dispatch(handlers, lib, 'online.settings.set', { timeoutMs: 500, retries: 0 });
    for (const name of Object.keys(onlineCalls)) {
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          const r = await dispatch(handlers, lib, name, raw);
          if (!r.ok)
            expect(r.error.code, `${name} ${JSON.stringify(raw)}: ${r.error.message}`).not.toBe(
              'internal',
            );
        }),
        { numRuns: 150 },
      );
    }
    const check = lib.db.pragma('integrity_check', { simple: true });
    expect(check).toBe('ok');
  });
});
