import { describe, expect, it } from 'vitest';
import { arxivId, normaliseDoi, normaliseText, titleKey } from './duplicate-keys';

describe('duplicate keys', () => {
  it('normalises DOIs from URLs and prefixes', () => {
    expect(normaliseDoi('https://doi.org/10.1109/CVPR.2016.90')).toBe('10.1109/cvpr.2016.90');
    expect(normaliseDoi('doi:10.1109/cvpr.2016.90.')).toBe('10.1109/cvpr.2016.90');
    expect(normaliseDoi('not a doi')).toBe('');
  });

  it('finds arXiv ids in eprint fields, DOIs and URLs, without version', () => {
    expect(arxivId({ eprint: '1706.03762v5', eprinttype: 'arXiv' }, '', '')).toBe('1706.03762');
    expect(arxivId({ eprint: '1706.03762', archiveprefix: 'arXiv' }, '', '')).toBe('1706.03762');
    expect(arxivId({}, '10.48550/arXiv.1810.04805', '')).toBe('1810.04805');
    expect(arxivId({}, '', 'https://arxiv.org/pdf/2005.11401v4.pdf')).toBe('2005.11401');
    expect(arxivId({}, '', 'http://arxiv.org/abs/hep-th/9711200')).toBe('hep-th/9711200');
    // the prefix names the archive when no eprinttype does
    expect(arxivId({ eprint: 'arXiv:1810.04805' }, '', '')).toBe('1810.04805');
    expect(arxivId({ eprint: 'ARXIV:2005.11401v4' }, '', '')).toBe('2005.11401');
    // an eprint that is not arXiv's is not an arXiv id
    expect(arxivId({ eprint: '12345678', eprinttype: 'pubmed' }, '', '')).toBe('');
  });

  it('builds title keys that ignore case, accents and punctuation, and need all parts', () => {
    expect(normaliseText('{BERT}: Pre-Training — of Déep')).toBe('bert pre training of deep');
    expect(titleKey('Attention Is All You Need', 2017, 'Vaswani')).toBe(
      titleKey('attention is all you need.', 2017, 'VASWANI'),
    );
    expect(titleKey('Attention', null, 'Vaswani')).toBe('');
    expect(titleKey('Attention', 2017, '')).toBe('');
  });
});
