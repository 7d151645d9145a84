// Text files arrive in whatever encoding their tool wrote. UTF-16 is told by its BOM or, without
// one, by its zero bytes; UTF-8 (with or without BOM) is taken when the bytes are valid UTF-8;
// otherwise a declared encoding (JabRef's `% Encoding:` line) or the shape of the non-ASCII
// bytes decides between Windows-1252 (Latin-1), Windows-1251 and GB18030. Node's TextDecoder
// has full ICU, so all of them decode.

export interface Decoded {
  text: string;
  encoding: string;
}

const LABELS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1251: 'windows-1251',
  'windows-1251': 'windows-1251',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
};

function declared(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 2048));
  const m =
    /%\s*Encoding:\s*([A-Za-z0-9_-]+)/i.exec(head) ??
    /@comment\{jabref-meta:\s*encoding:([A-Za-z0-9_-]+)/i.exec(head);
  return m ? (LABELS[m[1]!.toLowerCase()] ?? null) : null;
}

/** Picks between single-byte Latin, Cyrillic and double-byte Chinese by the runs of high bytes. */
function guess(bytes: Uint8Array): string {
  let runs = 0;
  let high = 0;
  let cyrillic = 0;
  let inRun = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      high++;
      if (b >= 0xc0 || b === 0xa8 || b === 0xb8) cyrillic++;
      if (!inRun) runs++;
      inRun = true;
    } else inRun = false;
  }
  if (high === 0) return 'utf-8';
  // Latin accents sit alone between ASCII letters; Cyrillic and Chinese words are runs
  if (high / runs < 1.8) return 'windows-1252';
  if (cyrillic / high >= 0.95) return 'windows-1251';
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return 'gb18030';
  } catch {
    return cyrillic / high >= 0.8 ? 'windows-1251' : 'windows-1252';
  }
}

/**
 * Windows-1252's characters at 0x80–0x9F (curly quotes, dashes, €, Š, œ …); 0 where the code
 * page leaves a byte undefined. Node 20's ICU decodes `windows-1252` as ISO-8859-1, which puts
 * C1 control characters there instead, so these are mapped here.
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80]!;
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

/**
 * UTF-16 without a BOM, told by its zero bytes: the ASCII that BibTeX, RIS and JSON syntax is
 * made of has a zero high byte, so one byte position of most pairs is zero and the other
 * almost never is. Text files in any other encoding have no zero bytes at all (and such bytes
 * are valid UTF-8, so this must be asked before UTF-8 is tried).
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 16_384) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even * 8 <= odd) return 'utf-16le';
  if (even >= pairs * 0.3 && odd * 8 <= even) return 'utf-16be';
  return null;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to the legacy encodings
  }
  const encoding = declared(bytes) ?? guess(bytes);
  if (encoding === 'utf-8')
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (encoding === 'windows-1252') return { text: decodeWindows1252(bytes), encoding };
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
