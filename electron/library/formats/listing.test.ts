import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './index';
import { listingFormat, parseListing } from './listing';
import { fixturePath } from './test-items';

const FIXTURE = fixturePath('hf-papers-listing.txt');
const hf = readFileSync(FIXTURE, 'utf8');
const sample = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');

// The fixture's own structure, read independently of the parser: after the page chrome, papers
// are a title line and an abstract line, each followed by a blank line.
const lines = hf.split('\n');
const CHROME = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'byAK and the research community',
  'May 29',
];
const firstTitle = lines.findIndex((l, i) => i > 0 && l.trim() && !CHROME.includes(l.trim()));
const paperLines = lines.slice(firstTitle).filter((l) => l.trim());
const expected = Array.from({ length: paperLines.length / 2 }, (_, k) => ({
  title: paperLines[2 * k]!.trim(),
  abstract: paperLines[2 * k + 1]!.trim(),
}));
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('Hugging Face papers listing fixture', () => {
  it('gives exactly its 60 papers, titles and abstracts separated, nothing from the chrome', () => {
    expect(expected).toHaveLength(60);
    const { records, problems } = parseListing(hf, 'hf-papers-listing.txt');
    expect(problems).toEqual([]);
    expect(records.map((r) => ({ title: r.title, abstract: r.abstract }))).toEqual(expected);
    for (const r of records) {
      expect(CHROME).not.toContain(r.title);
      expect(r.abstract).not.toContain(r.title);
      expect(r.type).toBe('misc');
    }
    expect(records[0]!.line).toBe(firstTitle + 1);
  });

  it('is detected as a listing from its content', () => {
    expect(detectFormat(hf)?.id).toBe('listing');
  });

  // The same page pasted in other ways must give the same papers.
  const variants: [string, string][] = [
    ['Windows line ends', hf.replace(/\n/g, '\r\n')],
    ['no blank lines', hf.replace(/\n\n+/g, '\n')],
    ['extra blank lines and indentation', hf.replace(/\n/g, '\n\n\n  ')],
    [
      'abstracts hard-wrapped at 78 columns',
      lines
        .map((l) => (l.length > 200 ? l.replace(/(.{1,78})(\s+|$)/g, '$1\n').trimEnd() : l))
        .join('\n'),
    ],
    [
      'Hugging Face chrome between papers (votes, submitters, footer)',
      expected
        .map(
          (p, k) =>
            `${p.title}\n\nPublished on May 29\n\n· Submitted by akhaliq\n\n${p.abstract}\n\nUpvote\n\n${k + 3}\n\n· ${k % 5} authors`,
        )
        .join('\n\n') + '\n\nSystem theme\n\nCompany\nTOS\nPrivacy\nAbout\nJobs',
    ],
  ];
  for (const [name, text] of variants) {
    it(`gives the same 60 papers with ${name}`, () => {
      const { records } = parseListing(text, 'paste');
      expect(records.map((r) => ({ title: r.title, abstract: normalise(r.abstract) }))).toEqual(
        expected.map((p) => ({ title: p.title, abstract: normalise(p.abstract) })),
      );
    });
  }

  it('picks up arXiv ids, links and author lines next to a paper', () => {
    const [a, b] = expected;
    const text = `${a!.title}\nhttps://huggingface.co/papers/2405.12345\nAuthors: Jane Doe, John Smith\n${a!.abstract}\n\n${b!.title}\narXiv:2310.00001v2\n${b!.abstract}\n`;
    const { records } = parseListing(text, 'paste');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      url: 'https://arxiv.org/abs/2405.12345',
      date: '2024-05',
      fields: { eprint: '2405.12345', eprinttype: 'arxiv' },
    });
    expect(records[0]!.creators.map((c) => c.family)).toEqual(['Doe', 'Smith']);
    expect(records[1]!.fields.eprint).toBe('2310.00001');
  });

  it('reads a single Hugging Face paper page: id above the title, one-per-line authors, date', () => {
    const { records, problems } = parseListing(sample('hf-paper-page.txt'), 'page');
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'TinyLlama: An Open-Source Small Language Model',
      date: '2024-01-04',
      url: 'https://arxiv.org/abs/2401.02385',
      fields: { eprint: '2401.02385', eprinttype: 'arxiv' },
      line: 11,
    });
    expect(records[0]!.abstract).toMatch(/^We present TinyLlama.*open-source community\.$/);
    expect(records[0]!.creators.map((c) => `${c.given} ${c.family}`)).toEqual([
      'Peiyuan Zhang',
      'Guangtao Zeng',
      'Tianduo Wang',
      'Wei Lu',
    ]);
  });

  it('takes lower-case titles at the start of a paragraph', () => {
    const [a, b] = expected;
    const text = `gpt-oss-120b and gpt-oss-20b Model Card\n\n${a!.abstract}\n\ns1: Simple test-time scaling\n\n${b!.abstract}\n`;
    expect(parseListing(text, 'paste').records.map((r) => r.title)).toEqual([
      'gpt-oss-120b and gpt-oss-20b Model Card',
      's1: Simple test-time scaling',
    ]);
  });

  it('reports a paste with no papers in it instead of inventing some', () => {
    const r = parseListing('new\n\nSubscribe\n\nMay 29\n\nTrending\n', 'paste');
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([
      {
        file: 'paste',
        line: 1,
        reason: 'no papers found: expected a title line followed by its abstract',
      },
    ]);
  });
});

describe('arXiv pages', () => {
  it('listing page (/list): ids, wrapped titles, authors, comments, subjects, old-style ids', () => {
    const { records, problems } = parseListing(sample('arxiv-list.txt'), 'list');
    expect(problems).toEqual([]);
    expect(records.map((r) => r.title)).toEqual([
      'TinyLlama: An Open-Source Small Language Model',
      'LLaMA Pro: Progressive LLaMA with Block Expansion for Better Continual Learning',
      'An old-style identifier: $N=2$ strings',
    ]);
    expect(records[0]).toMatchObject({
      url: 'https://arxiv.org/abs/2401.02385',
      date: '2024-01',
      fields: {
        eprint: '2401.02385',
        eprinttype: 'arxiv',
        eprintclass: 'cs.CL',
        comments: 'Technical Report',
      },
    });
    expect(records[0]!.creators.map((c) => `${c.given} ${c.family}`)).toEqual([
      'Peiyuan Zhang',
      'Guangtao Zeng',
      'Tianduo Wang',
      'Wei Lu',
    ]);
    expect(records[1]!.creators).toHaveLength(8);
    expect(records[2]!.fields).toMatchObject({
      eprint: 'hep-th/9901001',
      eprintclass: 'hep-th',
      'journal-ref': 'Nucl.Phys. B550 (1999) 1-20',
    });
    expect(records[2]!.creators.map((c) => [c.prefix, c.family])).toEqual([
      ['', 'Doe'],
      ['van der', 'Berg'],
    ]);
  });

  it('new submissions page: the abstract after the labelled lines, wrapped lines joined', () => {
    const { records } = parseListing(sample('arxiv-new.txt'), 'new');
    expect(records).toHaveLength(3);
    expect(records[2]!.creators.map((c) => [c.given, c.prefix, c.family])).toEqual([
      ['Dana', '', 'Lee'],
      ['Erik', 'van den', 'Berg'],
    ]);
    expect(records[2]!.abstract).toMatch(/^We show that a listing without an authors label/);
    expect(records[0]!.abstract).toMatch(
      /^We study how tiny models scale with data\. .*magnitude\.$/,
    );
    expect(records[1]!.abstract).toBe(
      'Deep networks are everywhere. In this paper we propose a method that is wrapped over several lines of text, as copied from a narrow window.',
    );
    expect(records[1]!.creators[0]).toMatchObject({
      given: 'Carla',
      prefix: 'de',
      family: 'Souza',
    });
  });

  it('abstract page: submitted date, abstract, DOI and id from "Cite as"', () => {
    const { records } = parseListing(sample('arxiv-abs.txt'), 'abs');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Attention Is All You Need',
      date: '2017-06-12',
      doi: '10.48550/arXiv.1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      fields: { eprint: '1706.03762', eprintclass: 'cs.CL', comments: '15 pages, 5 figures' },
    });
    expect(records[0]!.abstract).toMatch(/^The dominant sequence .* attention mechanisms\.$/);
    expect(records[0]!.creators).toHaveLength(8);
  });

  it('search results: bare title lines, full abstract after "▽ More", submitted dates', () => {
    const { records } = parseListing(sample('arxiv-search.txt'), 'search');
    expect(records.map((r) => [r.title, r.date, r.fields.eprintclass])).toEqual([
      ['TinyLlama: An Open-Source Small Language Model', '2024-01-04', 'cs.CL'],
      ['A Second Result About Llamas', '2023-12-18', 'cs.LG'],
    ]);
    expect(records[0]!.abstract).toMatch(/^We present TinyLlama.*various advances\.$/);
    expect(records[0]!.abstract).not.toMatch(/More|Less|…/);
  });

  it('every arXiv sample is detected as a listing', () => {
    for (const f of ['arxiv-list.txt', 'arxiv-new.txt', 'arxiv-abs.txt', 'arxiv-search.txt'])
      expect(listingFormat.detect(sample(f))).toBeGreaterThanOrEqual(0.5);
  });
});
