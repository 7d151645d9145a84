// The benchmark's input must be what performance.md describes, and the same on every run.
import { describe, expect, it } from 'vitest';
import { generateLibrary, toBib } from './generate';
import { percentile } from './lib/stats';

describe('benchmark library generator', () => {
  const lib = generateLibrary(10_000, 7);

  it('is deterministic for a seed and size, and differs across seeds', () => {
    expect(toBib(generateLibrary(1_000, 7))).toBe(toBib(generateLibrary(1_000, 7)));
    expect(toBib(generateLibrary(1_000, 8))).not.toBe(toBib(generateLibrary(1_000, 7)));
  });

  it('has the shape performance.md asks for', () => {
    const e = lib.entries;
    expect(e).toHaveLength(10_000);
    const authors = e.map((x) => x.authors.length);
    expect(Math.min(...authors)).toBe(1);
    expect(Math.max(...authors)).toBe(30);
    const share = (f: (x: (typeof e)[number]) => boolean) => e.filter(f).length / e.length;
    expect(share((x) => x.abstract !== '')).toBeGreaterThan(0.3);
    expect(share((x) => x.abstract !== '')).toBeLessThan(0.37);
    const accented = share(
      (x) => x.titleTex !== x.title || x.authors.some((a) => a.familyTex !== a.family),
    );
    expect(accented).toBeGreaterThan(0.08);
    expect(accented).toBeLessThan(0.5);
    expect(share((x) => x.duplicateOf >= 0)).toBeCloseTo(0.05, 3);
    expect(share((x) => x.crossref !== '')).toBeGreaterThan(0.05);
    expect(share((x) => x.journalMacro !== '')).toBeGreaterThan(0.2);
    expect(lib.tags).toHaveLength(500);
    expect(new Set(lib.tags.map((t) => t.toLowerCase())).size).toBe(500);
    expect(lib.collections).toHaveLength(2_000);
    expect(
      lib.collections.some((c) => c.parent >= 0 && lib.collections[c.parent]!.parent >= 0),
    ).toBe(true);
    expect(e.filter((x) => x.collections.includes(lib.bigCollection)).length).toBe(
      Math.ceil(lib.entries.filter((x) => x.duplicateOf < 0).length / 10),
    );
    expect(new Set([...e, ...lib.parents].map((x) => x.key.toLowerCase())).size).toBe(
      e.length + lib.parents.length,
    );
  });

  it('writes macros before use and crossref targets after the entries that use them', () => {
    const bib = toBib(generateLibrary(1_000, 7));
    const firstEntry = bib.search(
      /^@(article|inproceedings|book|incollection|techreport|phdthesis)\{/m,
    );
    expect(bib.lastIndexOf('@string{')).toBeLessThan(firstEntry);
    const ref = /crossref = \{([^}]+)\}/.exec(bib)!;
    expect(bib.indexOf(`{${ref[1]},`)).toBeGreaterThan(ref.index);
    expect(bib).toMatch(/\{\\"o\}|\{\\'e\}|\{\\c\{c\}\}/);
    expect(bib.match(/^@/gm)!.length).toBe(1_000 + 60 + generateLibrary(1_000, 7).parents.length);
  });
});

describe('percentile', () => {
  it('uses the nearest rank, so p99 of 100 samples is the 99th smallest', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
});
