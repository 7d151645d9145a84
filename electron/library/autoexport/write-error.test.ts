import { describe, expect, it } from 'vitest';
import { writeErrorMessage } from './write-error';

const err = (code: string) =>
  Object.assign(new Error(`${code}: open '/d/.x.bib.1.ab.shelfmark-tmp'`), { code });

describe('writeErrorMessage', () => {
  it('names the folder and what to do, never the temp file', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      expect(writeErrorMessage(err(code), '/d/x.bib')).toBe(
        `Shelfmark may not write in the folder /d (${code}): make it writable or bind another file. The library is unchanged.`,
      );
    }
    expect(writeErrorMessage(err('ENOSPC'), '/d/x.bib')).toMatch(/^The disk holding \/d is full/);
    expect(writeErrorMessage(err('EISDIR'), '/d/x.bib')).toMatch(/^\/d\/x\.bib is a folder/);
  });

  it('keeps any other message as it was', () => {
    expect(writeErrorMessage(new Error('worker died'), '/d/x.bib')).toBe('worker died');
    expect(writeErrorMessage(err('EIO'), '/d/x.bib')).toContain('EIO');
  });
});
