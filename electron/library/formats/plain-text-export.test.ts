import { describe, expect, it } from 'vitest';
import { plainTextExport } from './plain-text-export';
import { makeItem, person } from './test-items';

describe('plain-text bibliography', () => {
  it('writes author–year entries sorted by author, year, title', () => {
    const items = [
      makeItem(1, {
        title: 'Attention is all you need',
        date: '2017',
        venue: 'NeurIPS',
        doi: '10.5555/3295222.3295349',
        creators: [
          person('author', 'Vaswani', 'Ashish'),
          person('author', 'Shazeer', 'Noam'),
          person('author', 'Parmar', 'Niki'),
        ],
        fields: { volume: '30', pages: '5998--6008' },
      }),
      makeItem(2, {
        type: 'book',
        title: 'The TeXbook',
        date: '1984',
        venue: 'Addison-Wesley',
        creators: [person('author', 'Knuth', 'Donald Ervin')],
      }),
      makeItem(3, {
        type: 'misc',
        title: 'A preprint?',
        creators: [person('editor', 'Berg', 'Jan', 'van der')],
        fields: { eprint: '2401.01234', eprinttype: 'arxiv' },
        url: 'https://arxiv.org/abs/2401.01234',
      }),
    ];
    expect(plainTextExport.write(items)).toBe(
      [
        'van der Berg, J. (Ed.). (n.d.). A preprint? arXiv:2401.01234. https://arxiv.org/abs/2401.01234',
        'Knuth, D. E. (1984). The TeXbook. Addison-Wesley.',
        'Vaswani, A., Shazeer, N., & Parmar, N. (2017). Attention is all you need. NeurIPS, 30, 5998–6008. https://doi.org/10.5555/3295222.3295349',
      ].join('\n\n') + '\n',
    );
  });

  it('puts the title first when there are no authors or editors', () => {
    const item = makeItem(1, {
      type: 'book',
      title: 'Anonymous work',
      date: '1999-05',
      venue: 'Press',
    });
    expect(plainTextExport.write([item])).toBe('Anonymous work. (1999). Press.\n');
  });

  it('names the book and its editors for chapters and conference papers', () => {
    const chapter = makeItem(1, {
      type: 'incollection',
      title: 'A chapter',
      date: '2020',
      venue: 'The Big Book',
      creators: [person('author', 'Doe', 'Jane'), person('editor', 'Berg', 'Jan', 'van der')],
      fields: { pages: '11--20', publisher: 'Springer' },
    });
    const paper = makeItem(2, {
      type: 'inproceedings',
      title: 'Fast retrieval',
      date: '2019',
      venue: 'Proceedings of SIGIR',
      creators: [person('author', 'Lee', 'Kim')],
    });
    expect(plainTextExport.write([chapter, paper]).split('\n\n')).toEqual([
      'Doe, J. (2020). A chapter. In J. van der Berg (Ed.), The Big Book (pp. 11–20). Springer.',
      'Lee, K. (2019). Fast retrieval. In Proceedings of SIGIR.\n',
    ]);
  });

  it('writes nothing for no items', () => {
    expect(plainTextExport.write([])).toBe('');
  });
});
