// Shared setup for the organising tests: a real library in a temp folder, driven through the
// same validating contract wrapper the hosts use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import { call } from '../../cli/command';
import { Library } from '../library';
import { itemsFtsTokens } from '../testing/items-fts';

export interface TestLib {
  lib: Library;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  item(title: string, extra?: CallInput<'items.create'>): Promise<number>;
  dump(): Record<string, unknown[]>;
  close(): void;
}

export function openTestLibrary(): TestLib {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-organise-'));
  const lib = Library.open(dir);
  return {
    lib,
    call: (name, input) => call(lib, name, input),
    item: async (title, extra = {}) =>
      (
        await call(lib, 'items.create', {
          title,
          creators: [{ family: 'Author', given: 'A.' }],
          date: '2020',
          ...extra,
        })
      ).id,
    /** Every user-visible table, ordered, for "restored exactly" comparisons. */
    dump: () => {
      const out: Record<string, unknown[]> = {};
      for (const [t, order] of [
        ['items', 'id'],
        ['creators', 'item_id, position'],
        ['tags', 'id'],
        ['item_tags', 'item_id, tag_id'],
        ['collections', 'id'],
        ['collection_items', 'collection_id, item_id'],
        ['citation_key_aliases', 'alias'],
        ['notes', 'id'],
        ['attachments', 'id'],
        ['annotations', 'id'],
      ] as const) {
        out[t] = lib.db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all();
      }
      out.items_fts = itemsFtsTokens(lib.db); // contentless: its tokens, not its rows' text
      out.notes_fts = lib.db.prepare('SELECT rowid, * FROM notes_fts ORDER BY rowid').all();
      return out;
    },
    close: () => {
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
