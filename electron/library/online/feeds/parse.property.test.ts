import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetError } from '../../net/http';
import { parseFeed } from './parse';

// Feeds come from anywhere: whatever the bytes, parsing ends in entries or a typed failure.
describe('parseFeed on hostile input', () => {
  it('returns entries or throws a NetError, never anything else', async () => {
    const fragment = fc.constantFrom(
      '<rss>',
      '</rss>',
      '<channel>',
      '</channel>',
      '<item>',
      '</item>',
      '<title>',
      '</title>',
      '<feed>',
      '</feed>',
      '<entry>',
      '</entry>',
      '<link href="javascript:alert(1)"/>',
      '<![CDATA[<b>x</b>]]>',
      '&amp;',
      '&lt;script&gt;',
      '&#0;',
      '&bogus;',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      '<?xml version="1.0"?>',
      'text',
      ' ',
      '\u0000',
      '<guid>',
      '</guid>',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fragment, fc.string({ maxLength: 20 })), { maxLength: 40 }),
        async (parts) => {
          try {
            const f = await parseFeed(parts.join(''));
            for (const e of f.entries) {
              expect(e.link === '' || /^https?:\/\//.test(e.link)).toBe(true);
              expect(e.title).not.toMatch(/</);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(NetError);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('survives deep nesting without overflowing the stack', async () => {
    const deep = `<rss><channel>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</channel></rss>`;
    await expect(parseFeed(deep)).rejects.toBeInstanceOf(NetError);
  });
});
