// The kept position index (positions.ts) answers "which row is this item" and "which rows are
// on the page at this offset" for the library view without counting from the top. Its bucket
// counts follow this connection's writes through TEMP triggers; these tests use buckets of 3
// rows so that every write crosses boundaries, and compare every answer with a plain ORDER BY.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SortColumn } from '../../../shared/domain/item';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { importText } from '../import/pipeline';
import { type ListQuery, indexOfItem, listItems } from './list';
import { seekFrom, setBucketSizeForTests } from './positions';
import { insertItem, purgeItems, restoreItems, trashItems, updateItem } from './repo';
import { rng } from '../testing/rng';

let lib: Library;
let cleanup: () => void;
beforeEach(() => {
  setBucketSizeForTests(3);
  ({ lib, cleanup } = tempLibrary());
});
afterEach(() => {
  cleanup();
  setBucketSizeForTests(256);
});

// the plain order of each column (as list.ts sorts by it)
const ORDER: Partial<Record<SortColumn, string>> = {
  title: 'title COLLATE NOCASE',
  creators: 'creators_text COLLATE NOCASE',
  venue: 'venue COLLATE NOCASE',
  type: 'type',
  dateAdded: 'date_added',
  dateModified: 'date_modified',
  rating: 'rating',
  readState: 'read_state',
  attachments: 'attachment_count',
};
const COLUMNS = Object.keys(ORDER) as SortColumn[];

function reference(column: SortColumn, direction: 'asc' | 'desc'): number[] {
  return lib.db
    .prepare<[], number>(
      `SELECT id FROM items WHERE deleted_at IS NULL
       ORDER BY ${ORDER[column]} ${direction}, id ${direction}`,
    )
    .pluck()
    .all();
}

// look-alike keys: case variants, equal keys (the id decides), accents, digits, empty
const TITLES = [
  'alpha',
  'Alpha',
  'ALPHA',
  'beta',
  'Ärger',
  'zeta',
  'Zeta',
  '',
  '9 lives',
  'é',
  'b',
];
const TYPES = ['article', 'book', 'misc'];
const STATES = ['unread', 'reading', 'read'] as const;

function randomItem(r: () => number, n: number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return {
    type: pick(TYPES),
    title: r() < 0.5 ? pick(TITLES) : `${pick(TITLES)} ${n}`,
    venue: pick(TITLES),
    rating: Math.floor(r() * 6),
    readState: pick(STATES),
    creators: [
      {
        role: 'author' as const,
        family: pick(TITLES),
        given: '',
        prefix: '',
        suffix: '',
        literal: '',
      },
    ],
  };
}

/** Every supported column and direction: indexes of some live items and pages at offsets. */
function check(r: () => number, label: string): number {
  let checked = 0;
  for (const column of COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      const want = reference(column, direction);
      const q: ListQuery = { view: { kind: 'library' }, search: '', sort: { column, direction } };
      for (let k = 0; k < 3 && want.length > 0; k++) {
        const at = Math.floor(r() * want.length);
        expect(indexOfItem(lib.db, q, want[at]!), `${label} ${column} ${direction} @${at}`).toBe(
          at,
        );
        checked++;
      }
      for (const offset of [
        seekFrom(),
        seekFrom() + Math.floor(r() * Math.max(1, want.length - seekFrom())),
        Math.max(0, want.length - 2),
        want.length + 3,
      ]) {
        const page = listItems(lib.db, q, offset, 7);
        expect(
          page.rows.map((row) => row.id),
          `${label} ${column} ${direction} page @${offset}`,
        ).toEqual(want.slice(offset, offset + 7));
        expect(page.total).toBe(want.length);
        checked++;
      }
    }
  }
  return checked;
}

describe('kept position index', () => {
  it('follows random inserts, edits, trashing, restoring, purging and attachments', () => {
    const r = rng(99);
    const ids = lib.write(() =>
      Array.from({ length: 60 }, (_, n) => insertItem(lib.db, randomItem(r, n))),
    );
    const attach = lib.db.prepare(
      `INSERT INTO attachments (item_id, kind, path, date_added) VALUES (?, 'linked', ?, '2024')`,
    );
    let checked = check(r, 'start');
    for (let step = 0; step < 150; step++) {
      const id = ids[Math.floor(r() * ids.length)]!;
      const x = r();
      const label = `step ${step}`;
      if (x < 0.3) {
        // sometimes several writes in one transaction, now and then more than are replayed
        // (the index is rebuilt instead)
        const n = r() < 0.1 ? 60 : 1 + Math.floor(r() * 3);
        lib.write(() => {
          for (let k = 0; k < n; k++) {
            ids.push(insertItem(lib.db, randomItem(r, 1000 + step)));
          }
        });
      } else if (x < 0.5) {
        const it = randomItem(r, step);
        const patch = [
          { title: it.title },
          { venue: it.venue },
          { type: it.type },
          { rating: it.rating },
          { readState: it.readState },
          { creators: it.creators },
        ][Math.floor(r() * 6)]!;
        lib.write(() => updateItem(lib.db, id, patch));
      } else if (x < 0.6) {
        lib.write(() => trashItems(lib.db, [id]));
      } else if (x < 0.7) {
        lib.write(() => restoreItems(lib.db, [id]));
      } else if (x < 0.75) {
        lib.write(() => {
          // purged from the trash, or deleted live (as a merge of duplicates does)
          if (r() < 0.5) {
            trashItems(lib.db, [id]);
            purgeItems(lib.db, [id]);
          } else lib.db.prepare('DELETE FROM items WHERE id = ?').run(id);
        });
        ids.splice(ids.indexOf(id), 1);
      } else if (x < 0.85) {
        lib.write(() => attach.run(id, `/p/${id}-${step}.pdf`));
      } else if (x < 0.9) {
        lib.write(() =>
          lib.db
            .prepare('DELETE FROM attachments WHERE id = (SELECT min(id) FROM attachments)')
            .run(),
        );
      } else {
        // a write that rolls back leaves the kept counts as they were; answers inside the
        // transaction see its rows (nothing kept is used there)
        expect(() =>
          lib.write(() => {
            insertItem(lib.db, randomItem(r, 5000));
            updateItem(lib.db, id, { title: 'AAA first' });
            trashItems(lib.db, [ids[0]!]);
            const q: ListQuery = {
              view: { kind: 'library' },
              search: '',
              sort: { column: 'title', direction: 'asc' },
            };
            const want = reference('title', 'asc');
            expect(indexOfItem(lib.db, q, want[want.length - 1]!)).toBe(want.length - 1);
            expect(listItems(lib.db, q, seekFrom(), 5).rows.map((row) => row.id)).toEqual(
              want.slice(seekFrom(), seekFrom() + 5),
            );
            throw new Error('roll back');
          }),
        ).toThrow('roll back');
      }
      checked += check(r, label);
    }
    expect(checked).toBeGreaterThan(10_000);
    // the log was emptied of seen rows on the way (every 120 rows with buckets of 3)
    expect(lib.db.prepare('SELECT count(*) FROM temp.position_log').pluck().get()).toBeLessThan(
      200,
    );
    expect(lib.db.prepare('SELECT max(seq) FROM temp.position_log').pluck().get()).toBeGreaterThan(
      300,
    );
  });

  it('starts again after a commit from another connection', () => {
    const r = rng(5);
    lib.write(() => {
      for (let n = 0; n < 40; n++) insertItem(lib.db, randomItem(r, n));
    });
    check(r, 'before');
    const other = new BetterSqlite3(lib.db.name);
    try {
      const ins = other.prepare(
        `INSERT INTO items (type, citation_key, title, date_added, date_modified)
         VALUES ('book', ?, ?, '2024', '2024')`,
      );
      // keys that move without changing how many items there are
      other.prepare(`UPDATE items SET title = 'zzz', type = 'zzz' WHERE id IN (1, 2, 3)`).run();
      expect(check(r, 'after a move')).toBeGreaterThan(0);
      for (let n = 0; n < 10; n++) ins.run(`other${n}`, `aaa other ${n}`);
    } finally {
      other.close();
    }
    expect(check(r, 'after inserts')).toBeGreaterThan(0);
  });

  it('starts again when the kept counts no longer add up to the live items', () => {
    const r = rng(7);
    lib.write(() => {
      for (let n = 0; n < 40; n++) insertItem(lib.db, randomItem(r, n));
    });
    check(r, 'before');
    // a write the log did not see (as a REPLACE, which fires no delete trigger, would be)
    lib.write(() => insertItem(lib.db, { type: 'book', title: 'aaa unseen' }));
    lib.db.prepare('DELETE FROM temp.position_log').run();
    expect(check(r, 'after')).toBeGreaterThan(0);
  });

  it('gives the same answers in a library opened read-only', () => {
    const r = rng(11);
    lib.write(() => {
      for (let n = 0; n < 30; n++) insertItem(lib.db, randomItem(r, n));
    });
    const ro = new BetterSqlite3(lib.db.name, { readonly: true });
    try {
      for (const column of COLUMNS) {
        const q: ListQuery = {
          view: { kind: 'library' },
          search: '',
          sort: { column, direction: 'asc' },
        };
        const want = reference(column, 'asc');
        for (const at of [0, 13, want.length - 1]) {
          expect(indexOfItem(ro, q, want[at]!), column).toBe(at);
        }
        expect(listItems(ro, q, seekFrom(), 4).rows.map((row) => row.id)).toEqual(
          want.slice(seekFrom(), seekFrom() + 4),
        );
      }
    } finally {
      ro.close();
    }
  });

  it('stops logging for an import and gives exact answers after it commits or rolls back', () => {
    const r = rng(3);
    lib.write(() => {
      for (let n = 0; n < 40; n++) insertItem(lib.db, randomItem(r, n));
    });
    const tempTriggers = () =>
      lib.db
        .prepare<[], string>(`SELECT name FROM sqlite_temp_master WHERE type = 'trigger'`)
        .pluck()
        .all();
    check(r, 'before');
    expect(tempTriggers().length).toBeGreaterThan(COLUMNS.length * 3);
    const bib = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, k) =>
          `@article{imp${from + k}, title = {${TITLES[k % TITLES.length]} ${k}}, year = 2001}\n`,
      ).join('');
    expect(importText(lib, bib(0, 30), { fileName: 'a.bib', onDuplicate: 'import' }).imported).toBe(
      30,
    );
    expect(tempTriggers()).toEqual([]);
    check(r, 'after an import');
    expect(tempTriggers().length).toBeGreaterThan(COLUMNS.length * 3);
    // an import that fails part-way rolls back, and the triggers with it
    lib.db.exec(
      `CREATE TEMP TRIGGER fail_import AFTER INSERT ON main.items WHEN new.citation_key = 'imp120'
       BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END`,
    );
    expect(() =>
      importText(lib, bib(100, 30), { fileName: 'b.bib', onDuplicate: 'import' }),
    ).toThrow('disk gone');
    lib.db.exec('DROP TRIGGER temp.fail_import');
    expect(tempTriggers().length).toBeGreaterThan(COLUMNS.length * 3);
    check(r, 'after a failed import');
    lib.write(() => insertItem(lib.db, { type: 'book', title: 'after' }));
    check(r, 'after a later write');
  });
});
