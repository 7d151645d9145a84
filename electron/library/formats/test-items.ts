// Test helpers: items to export and the comparison export → parse must satisfy.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import type { ImportRecord } from '../../../shared/domain/import';
import { yearOf, type Creator, type Item } from '../../../shared/domain/item';

export function makeItem(id: number, p: Partial<Item>): Item {
  const date = p.date ?? '';
  return {
    id,
    type: 'article',
    citationKey: '',
    keyAliases: [],
    title: '',
    date,
    year: yearOf(date),
    venue: '',
    doi: '',
    url: '',
    abstract: '',
    creators: [],
    fields: {},
    tags: [],
    collectionIds: [],
    readState: 'unread',
    starred: false,
    rating: 0,
    reviewNeeded: false,
    dateAdded: '2024-01-01T00:00:00.000Z',
    dateModified: '2024-01-01T00:00:00.000Z',
    deletedAt: null,
    ...p,
  };
}

export function person(role: Creator['role'], family: string, given: string, prefix = ''): Creator {
  return { role, family, given, prefix, suffix: '', literal: '' };
}

/** What export → parse must give back: the item's bibliographic content. */
export function content(x: Item | ImportRecord) {
  const byRole = [...x.creators].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
  return {
    type: x.type,
    citationKey: x.citationKey || undefined,
    title: x.title,
    date: x.date,
    venue: x.venue,
    doi: x.doi,
    url: x.url,
    abstract: x.abstract,
    creators: byRole,
    fields: x.fields,
    tags: x.tags,
  };
}

// Arbitrary items with realistic text: words separated by single spaces, no edge whitespace.
const word = fc.stringMatching(/^[A-Za-z0-9ÄÖÜäöüßéèçñøåłŁ'&%$#_{}()[\]:;!?+=*/\\.-]{1,12}$/);
const text = fc
  .array(word, { minLength: 1, maxLength: 12 })
  .map((ws) => ws.join(' '))
  .filter((s) => !/^\d+$/.test(s));
const name = fc.stringMatching(/^[A-Z][a-zäöüéñ]{1,10}$/);
const creatorArb = fc.record({
  role: fc.constantFrom<Creator['role']>('author', 'editor', 'translator'),
  family: name,
  given: fc.oneof(name, fc.constant('')),
  prefix: fc.constantFrom('', 'van', 'de la'),
  suffix: fc.constant(''),
  literal: fc.constant(''),
});
const orgArb = name.map((n): Creator => ({
  role: 'author',
  family: '',
  given: '',
  prefix: '',
  suffix: '',
  literal: `${n} Consortium`,
}));
const dateArb = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1500, max: 2099 }).map(String),
  fc
    .tuple(fc.integer({ min: 1500, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(
      fc.integer({ min: 1500, max: 2099 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);
const fieldName = fc.constantFrom(
  'volume',
  'number',
  'edition',
  'series',
  'location',
  'language',
  'note',
  'isbn',
  'issn',
  'eprint',
  'eprinttype',
  'langid',
  'howpublished',
  'addendum',
  'shorttitle',
  'urldate',
  'keywords-extra',
);

export const itemArb = fc
  .record({
    type: fc.constantFrom(
      'article',
      'book',
      'inproceedings',
      'incollection',
      'thesis',
      'phdthesis',
      'report',
      'online',
      'misc',
      'patent',
      'software',
      'dataset',
      'unpublished',
      'mvbook',
      'proceedings',
    ),
    citationKey: fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/),
    title: text,
    date: dateArb,
    venue: fc.oneof(fc.constant(''), text),
    doi: fc.oneof(fc.constant(''), fc.stringMatching(/^10\.\d{4,5}\/[a-z0-9.]{1,10}$/)),
    url: fc.oneof(fc.constant(''), fc.stringMatching(/^https:\/\/example\.org\/[a-z0-9]{1,8}$/)),
    abstract: fc.oneof(fc.constant(''), text),
    creators: fc.array(fc.oneof(creatorArb, creatorArb, orgArb), { maxLength: 5 }),
    fields: fc.dictionary(fieldName, text, { maxKeys: 5 }),
    pages: fc.oneof(
      fc.constant(''),
      fc
        .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }))
        .map(([a, b]) => `${a}--${b}`),
    ),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9 -]{0,10}[a-z0-9]$/), { maxLength: 4 }),
  })
  .map(({ pages, ...r }) => {
    const fields = { ...r.fields };
    if (pages) fields.pages = pages;
    if (fields.urldate !== undefined) fields.urldate = '2024-02-03';
    return makeItem(1, { ...r, fields });
  });

/**
 * Path of a shared fixture: `../shared/fixtures/<name>` from the project root, looked up from
 * the folders above it as well so the tests also run from a git worktree one level deeper.
 */
export function fixturePath(name: string): string {
  let dir = process.cwd();
  for (let i = 0; i < 4; i++) {
    const p = join(dir, '..', 'shared', 'fixtures', name);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return join(process.cwd(), '..', 'shared', 'fixtures', name);
}
