// The spliced bytes of an auto-export are exactly the UTF-8 of the joined text, whatever
// pieces changed, appeared or went since the last update, and `same` says when nothing did.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodedFile, hashParts } from './encoded-file';
import { createHash } from 'node:crypto';

const piece = fc.string({ unit: 'grapheme', maxLength: 40 });

type Op =
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number }
  | { kind: 'none' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: piece }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: piece }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.constant({ kind: 'none' as const }),
);

describe('EncodedFile', () => {
  it('gives the bytes of the joined pieces after random replacements, inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.array(op, { maxLength: 25 }),
        (start, ops) => {
          const file = new EncodedFile();
          let pieces = start.slice();
          const first = file.update(pieces);
          expect(first.compared).toBe(false);
          expect(Buffer.concat(first.parts)).toEqual(Buffer.from(pieces.join('\n'), 'utf8'));
          for (const o of ops) {
            const before = pieces.join('\n');
            pieces = pieces.slice();
            if (o.kind === 'replace' && pieces.length > 0) pieces[o.at % pieces.length] = o.text;
            if (o.kind === 'insert') pieces.splice(o.at % (pieces.length + 1), 0, o.text);
            if (o.kind === 'delete' && pieces.length > 0) pieces.splice(o.at % pieces.length, 1);
            const r = file.update(pieces);
            const want = Buffer.from(pieces.join('\n'), 'utf8');
            const got = Buffer.concat(r.parts);
            expect(got).toEqual(want);
            expect(r.size).toBe(want.length);
            expect(r.compared).toBe(true);
            // `same` may only claim equality when the bytes are equal; equal pieces at the same
            // places are always recognised
            if (r.same) expect(pieces.join('\n')).toBe(before);
            if (o.kind === 'none') expect(r.same).toBe(true);
            expect(hashParts(r.parts)).toBe(createHash('sha256').update(want).digest('hex'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('re-encodes only the pieces that changed (the others keep their Buffer)', () => {
    const file = new EncodedFile();
    const pieces = ['@a{x,\n}\n', '@b{y,\n  title = {Ünïcödé},\n}\n', '@c{z,\n}\n'];
    const a = file.update(pieces);
    const next = pieces.slice();
    next[1] = '@b{y,\n  title = {Ünïcödé, revised},\n}\n';
    const b = file.update(next);
    expect(b.same).toBe(false);
    expect(b.parts[0]).toBe(a.parts[0]);
    expect(b.parts[4]).toBe(a.parts[4]);
    expect(b.parts[2]).not.toBe(a.parts[2]);
    expect(Buffer.concat(b.parts).toString('utf8')).toBe(next.join('\n'));
  });
});
