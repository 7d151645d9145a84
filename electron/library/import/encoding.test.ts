import { describe, expect, it } from 'vitest';
import { decodeBytes } from './encoding';

/** Encodes text in a legacy encoding by inverting Node's (ICU) decoder. */
function encode(text: string, encoding: string): Uint8Array {
  const dec = new TextDecoder(encoding);
  const map = new Map<string, number[]>();
  for (let b = 0; b < 256; b++) map.set(dec.decode(new Uint8Array([b])), [b]);
  if (encoding === 'gb18030') {
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (!map.has(ch)) map.set(ch, [lead, trail]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const bytes = ch.charCodeAt(0) < 128 ? [ch.charCodeAt(0)] : map.get(ch);
    if (!bytes) throw new Error(`cannot encode ${ch} in ${encoding}`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

const LATIN =
  '@article{m, author = {Müller, Jürgen and Gödel, Kurt}, title = {Über die Façade à côté}}';
const RUSSIAN =
  '@book{t, author = {Толстой, Лев}, title = {Война и мир}, publisher = {Русский вестник}}';
const CHINESE = '@book{c, author = {鲁迅}, title = {狂人日记与呐喊}, publisher = {新青年出版社}}';

describe('encoding detection', () => {
  it('reads UTF-8 with and without BOM', () => {
    const bytes = new TextEncoder().encode(RUSSIAN);
    expect(decodeBytes(bytes)).toEqual({ text: RUSSIAN, encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeBytes(bom)).toEqual({ text: RUSSIAN, encoding: 'utf-8' });
  });

  it.each([
    ['Latin-1', LATIN, 'windows-1252'],
    ['Windows-1251', RUSSIAN, 'windows-1251'],
    ['GB18030', CHINESE, 'gb18030'],
  ])('detects %s', (_name, text, encoding) => {
    expect(decodeBytes(encode(text, encoding))).toEqual({ text, encoding });
  });

  it('follows a JabRef encoding header', () => {
    const text = `% Encoding: windows-1251\n${RUSSIAN.slice(0, 40)}`;
    expect(decodeBytes(encode(text, 'windows-1251')).text).toBe(text);
  });

  it('reads Windows-1252 punctuation in 0x80-0x9F as the characters, not C1 controls', () => {
    // Node 20's decoder treats windows-1252 as ISO-8859-1; Word and JabRef on Windows write
    // curly quotes, dashes and € in exactly this range
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('@misc{q, title = {'),
      0x93,
      0x43,
      0x61,
      0x66,
      0xe9,
      0x94,
      0x20,
      0x96,
      0x20,
      0x80,
      0x35,
      0x85,
      0x20,
      0x8a,
      0x9c,
      ...new TextEncoder().encode('}}'),
    ]);
    expect(decodeBytes(bytes)).toEqual({
      text: '@misc{q, title = {“Café” – €5… Šœ}}',
      encoding: 'windows-1252',
    });
  });

  it.each(['utf-16le', 'utf-16be'] as const)('reads %s without a BOM', (encoding) => {
    // Windows tools write UTF-16 without a BOM now and then; ASCII syntax puts a zero byte in
    // every other position, which is valid UTF-8 and was refused as no known format
    const text = `${LATIN}\n${RUSSIAN}\n${CHINESE}\n@misc{e, title = {😀 𝔅}}\n`;
    const bytes = utf16(text, encoding);
    expect(decodeBytes(bytes)).toEqual({ text, encoding });
  });

  it('does not take UTF-8 or Latin-1 for UTF-16', () => {
    expect(decodeBytes(new TextEncoder().encode(CHINESE)).encoding).toBe('utf-8');
    expect(decodeBytes(encode(LATIN, 'windows-1252')).encoding).toBe('windows-1252');
    // a stray zero byte in UTF-8 text is not a pattern
    const odd = new TextEncoder().encode(`${LATIN}\0${LATIN}`);
    expect(decodeBytes(odd).encoding).toBe('utf-8');
  });
});

/** UTF-16 code units in the given byte order, no BOM. */
function utf16(text: string, encoding: 'utf-16le' | 'utf-16be'): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const [a, b] = encoding === 'utf-16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[2 * i] = a;
    out[2 * i + 1] = b;
  }
  return out;
}
