// Test helper: libraries in temporary folders, closed and deleted after each test of the file.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { Library } from '../library';
import { tempLibrary } from './fixture-library';

export function tempLibraries(prefix: string): {
  /** A new, empty library in a folder of its own. */
  fresh: () => Library;
  /** Closes and deletes a library opened some other way (openAsync) with the rest. */
  track: (lib: Library) => Library;
} {
  const open: Library[] = [];
  afterEach(() => {
    for (const lib of open.splice(0)) {
      lib.close();
      rmSync(lib.folder, { recursive: true, force: true });
    }
  });
  const track = (lib: Library) => {
    open.push(lib);
    return lib;
  };
  return { fresh: () => track(tempLibrary(prefix)), track };
}
