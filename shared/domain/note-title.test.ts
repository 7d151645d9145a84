import { describe, expect, it } from 'vitest';
import { plainNoteTitle } from './note-title';

describe('plainNoteTitle', () => {
  it('removes emphasis, as in the sample library note', () => {
    expect(
      plainNoteTitle(
        'Good framing for the *why* of mixing prose and code; cite in the methods chapter.',
      ),
    ).toBe('Good framing for the why of mixing prose and code; cite in the methods chapter.');
    expect(plainNoteTitle('**bold**, __bold__, _it_, ***both***, ~~gone~~')).toBe(
      'bold, bold, it, both, gone',
    );
  });

  it('removes block markers at the start of the line', () => {
    expect(plainNoteTitle('## Setup to compare against')).toBe('Setup to compare against');
    expect(plainNoteTitle('> quoted')).toBe('quoted');
    expect(plainNoteTitle('- a bullet')).toBe('a bullet');
    expect(plainNoteTitle('1. first step')).toBe('first step');
    expect(plainNoteTitle('- [x] done task')).toBe('done task');
  });

  it('keeps the text of links, images, code, wiki links and autolinks', () => {
    expect(plainNoteTitle('See [the paper](https://x.org/a) and ![fig 1](f.png)')).toBe(
      'See the paper and fig 1',
    );
    expect(plainNoteTitle('Compare [[robertson2009probabilistic]] with `bm25()`')).toBe(
      'Compare robertson2009probabilistic with bm25()',
    );
    expect(plainNoteTitle('<https://arxiv.org/abs/1706.03762> <b>bold</b>')).toBe(
      'https://arxiv.org/abs/1706.03762 bold',
    );
  });

  it('leaves what is not Markdown syntax alone', () => {
    expect(plainNoteTitle('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
    expect(plainNoteTitle('Escaped \\*stars\\* stay \\_literal\\_')).toBe(
      'Escaped *stars* stay _literal_',
    );
    expect(plainNoteTitle('C# and F# in 2019 #hashtag')).toBe('C# and F# in 2019 #hashtag');
    expect(plainNoteTitle('a < b > c')).toBe('a < b > c');
    expect(plainNoteTitle('')).toBe('');
  });
});
