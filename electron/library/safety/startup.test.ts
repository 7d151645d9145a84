import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../db/open';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { backupLibrary } from './backups';
import { openOrOfferBackup } from './startup';

async function damagedLibraryWithBackup(): Promise<{ folder: string; name: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'shelfmark-startup-'));
  const lib = Library.open(folder);
  lib.write(() => insertItem(lib.db, { type: 'article', title: 'Safe in the backup' }));
  const b = await backupLibrary(lib, 'daily');
  lib.close();
  writeFileSync(join(folder, DB_FILE), Buffer.alloc(4096 * 3, 7));
  return { folder, name: b.name };
}

describe('start-up with a damaged library', () => {
  it('offers the newest good backup and, if accepted, restores it and opens', async () => {
    const { folder, name } = await damagedLibraryWithBackup();
    const asked: string[] = [];
    const lib = await openOrOfferBackup(folder, {}, (message, backup) => {
      asked.push(message, backup.name);
      return Promise.resolve(true);
    });
    expect(asked[0]).toMatch(/damaged.*left the file untouched/s);
    expect(asked[1]).toBe(name);
    expect(lib.db.prepare('SELECT title FROM items').pluck().all()).toEqual(['Safe in the backup']);
    lib.close();
    // the damaged file was kept, moved aside
    const aside = readdirSync(join(folder, 'replaced')).filter((f) => f.endsWith('.sqlite'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(folder, 'replaced', aside[0]!))).toEqual(Buffer.alloc(4096 * 3, 7));
  });

  it('if declined, fails with the clear message and leaves everything as it was', async () => {
    const { folder } = await damagedLibraryWithBackup();
    await expect(openOrOfferBackup(folder, {}, () => Promise.resolve(false))).rejects.toThrow(
      /damaged/,
    );
    expect(readFileSync(join(folder, DB_FILE))).toEqual(Buffer.alloc(4096 * 3, 7));
  });
});
