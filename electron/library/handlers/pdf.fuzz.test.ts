import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfCalls } from '../../../shared/api/pdf';
import { dispatch } from '../../hosts/dispatch';
import { Library } from '../library';
import { makePages } from '../pdf/testing/make-pdf';
import { handlers } from './index';

// Anything a caller sends to the PDF calls ends as a value or a typed error, never a crash or
// an `internal` error, and never a write outside the library.
let dir: string;
let lib: Library;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-pdf-fuzz-'));
  lib = Library.open(join(dir, 'lib'));
  // real rows for the small ids the fuzzer favours
  for (const title of ['One', 'Two']) {
    const item = await dispatch(handlers, lib, 'items.create', { title });
    if (!item.ok) throw new Error(item.error.message);
  }
  const pdf = Buffer.from(await makePages(2)).toString('base64');
  const r = await dispatch(handlers, lib, 'attachments.add', {
    itemId: 1,
    source: { kind: 'data', name: 'a.pdf', base64: pdf },
  });
  if (!r.ok) throw new Error(r.error.message);
  await dispatch(handlers, lib, 'attachments.index', { id: 1 });
});
afterAll(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields = fc.record(
  {
    id: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double(), fc.string()),
    itemId: fc.integer({ min: -2, max: 4 }),
    attachmentId: fc.integer({ min: -2, max: 4 }),
    source: fc.oneof(
      fc.record({
        kind: fc.constant('path'),
        path: fc.oneof(
          fc.string(),
          fc.constantFrom('/etc/passwd', '../x.pdf', '/', '/proc/self/mem'),
        ),
      }),
      fc.record({
        kind: fc.constant('data'),
        name: fc.string(),
        base64: fc.base64String({ maxLength: 200 }),
      }),
    ),
    mode: fc.constantFrom('stored', 'linked', 'other'),
    query: fc.string(),
    limit: fc.integer({ min: -1, max: 600 }),
    kind: fc.constantFrom('highlight', 'underline', 'note', 'ink'),
    page: fc.integer({ min: -1, max: 3 }),
    rects: fc.oneof(
      fc.array(fc.array(fc.double(), { maxLength: 5 }), { maxLength: 3 }),
      fc.array(fc.tuple(fc.integer(), fc.integer(), fc.integer(), fc.integer()), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
    quote: fc.string(),
    comment: fc.string(),
    color: fc.constantFrom('#ffd400', 'red', '#12345g'),
    patch: fc.oneof(
      fc.anything(),
      fc.record(
        { comment: fc.string(), color: fc.constantFrom('#ff0000', 'x') },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);
const anyValue = fc.oneof(
  { arbitrary: fc.anything(), weight: 1 },
  { arbitrary: fields, weight: 4 },
);

describe('PDF calls under fuzzed input', () => {
  it.each(Object.keys(pdfCalls))('%s never crashes', async (name) => {
    await fc.assert(
      fc.asyncProperty(anyValue, async (input) => {
        const r = await dispatch(handlers, lib, name, input);
        if (!r.ok) expect(r.error.code, r.error.message).not.toBe('internal');
      }),
      { numRuns: 150 },
    );
  });
});
