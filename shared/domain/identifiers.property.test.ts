import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIdentifier, parseIdentifier, parseIdentifiers, parseIsbn } from './identifiers';

describe('parseIdentifiers properties', () => {
  it('never throws on any text and returns at most 500 results', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2_000 }), (text) => {
        const r = parseIdentifiers(text);
        expect(r.ids.length + r.invalid.length).toBeLessThanOrEqual(500 + 200);
      }),
      { numRuns: 10_000 },
    );
  });

  it('reads back every identifier it formats', () => {
    const arxiv = fc
      .tuple(
        fc.integer({ min: 15, max: 29 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 99_999 }),
      )
      .map(([y, m, n]) => `${y}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
    const doi = fc
      .tuple(
        fc.integer({ min: 1000, max: 99_999 }),
        fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,20}[a-z0-9]$/),
      )
      .map(([p, s]) => `10.${p}/${s}`);
    const pmid = fc.integer({ min: 1, max: 99_999_999 }).map(String);
    fc.assert(
      fc.property(
        fc.oneof(
          arxiv.map((a) => `arXiv:${a}`),
          doi,
          pmid.map((p) => `PMID ${p}`),
        ),
        (raw) => {
          const id = parseIdentifier(raw);
          expect(id, raw).not.toBeNull();
          expect(parseIdentifier(formatIdentifier(id!))).toMatchObject({
            kind: id!.kind,
            value: id!.value,
          });
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('accepts an ISBN-13 exactly when its check digit is right', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^97[89]\d{10}$/), (s) => {
        let sum = 0;
        for (let i = 0; i < 12; i++) sum += Number(s[i]) * (i % 2 ? 3 : 1);
        const ok = (10 - (sum % 10)) % 10 === Number(s[12]);
        expect(parseIsbn(s) !== null).toBe(ok);
      }),
      { numRuns: 5_000 },
    );
  });
});
