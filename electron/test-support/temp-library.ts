import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../library/library';

/** A fresh library in its own temp folder; `cleanup` closes it and removes the folder. */
export function tempLibrary(): { lib: Library; folder: string; cleanup: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'shelfmark-test-'));
  const lib = Library.open(folder);
  return {
    lib,
    folder,
    cleanup: () => {
      lib.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function tempFolder(): { folder: string; cleanup: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'shelfmark-test-'));
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}
