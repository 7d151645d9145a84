import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { addItem, tempLibrary } from '../testing/fixture-library';
import { call } from '../testing/call';

let lib: Library;
const ids: Record<string, number> = {};

// Three topics; each item belongs to one. Related items must come from the same topic.
const LIBRARY: [string, string, string, string[], string?][] = [
  [
    'bert',
    'BERT: pre-training of deep bidirectional transformers for language understanding',
    'We introduce a language representation model based on transformers with masked language modelling.',
    ['nlp'],
  ],
  [
    'gpt',
    'Language models are few-shot learners',
    'Scaling up transformer language models greatly improves few-shot performance.',
    ['nlp'],
  ],
  [
    't5',
    'Exploring transfer learning with a unified text-to-text transformer',
    'Transfer learning for language tasks with a transformer trained on text.',
    ['nlp'],
  ],
  [
    'coral',
    'Coral reef bleaching under ocean warming',
    'Ocean temperature anomalies drive mass coral bleaching events on reefs.',
    ['ecology'],
  ],
  [
    'reef',
    'Recovery of reef fish after bleaching',
    'Fish communities on coral reefs recover slowly after bleaching and warming.',
    ['ecology'],
    'Compare with the coral bleaching survey.',
  ],
  [
    'kelp',
    'Kelp forests and marine heatwaves',
    'Marine heatwaves and ocean warming reduce kelp forest cover.',
    ['ecology'],
  ],
  [
    'roman',
    'Roman roads and trade in late antiquity',
    'Trade routes along Roman roads shaped the economy of late antiquity.',
    ['history'],
  ],
  ['empty', 'Untitled', '', []],
];

beforeEach(() => {
  lib = tempLibrary();
  for (const [key, title, abstract, tags, note] of LIBRARY) {
    ids[key] = addItem(
      lib,
      { type: 'article', citationKey: key, title, abstract },
      { tags, ...(note ? { notes: [note] } : {}) },
    );
  }
});
afterEach(() => lib.close());

async function related(key: string): Promise<string[]> {
  return (await call(lib, 'items.related', { id: ids[key]! })).map((r) => r.item.citationKey);
}

describe('items.related', () => {
  it('ranks items on the same topic first and never returns the item itself', async () => {
    const bert = await related('bert');
    expect(bert.slice(0, 2).sort()).toEqual(['gpt', 't5']);
    expect(bert).not.toContain('bert');
    expect(bert).not.toContain('coral');
    const coral = await related('coral');
    expect(coral.slice(0, 2).sort()).toEqual(['kelp', 'reef']);
    expect(coral).not.toContain('bert');
  });

  it('uses notes, explains with shared terms and scores between 0 and 1', async () => {
    const r = await call(lib, 'items.related', { id: ids.coral! });
    expect(r[0]!.item.citationKey).toBe('reef');
    expect(r[0]!.sharedTerms).toContain('bleaching');
    for (const x of r) {
      expect(x.score).toBeGreaterThan(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
    expect([...r.map((x) => x.score)]).toEqual([...r.map((x) => x.score)].sort((a, b) => b - a));
  });

  it('returns nothing for an item with no shared words, and at most ten', async () => {
    expect(await related('roman')).toEqual([]);
    for (let i = 0; i < 15; i++) {
      addItem(lib, { type: 'article', title: `Transformer language model number ${i}` });
    }
    expect(await related('bert')).toHaveLength(10);
  });

  it('leaves out trashed items', async () => {
    lib.db.prepare('UPDATE items SET deleted_at = ? WHERE id = ?').run('2024-01-01', ids.gpt);
    expect(await related('bert')).not.toContain('gpt');
  });
});
