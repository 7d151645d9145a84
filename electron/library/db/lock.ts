import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors';

interface LockOwner {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM means the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the library's lock file, so a second process gets a clear "library in use" error
 * instead of interleaving writes. A lock left by a dead process on this host is taken over.
 * Returns the function that releases it.
 */
export function acquireLibraryLock(folder: string): () => void {
  const path = join(folder, 'library.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: LockOwner | null = null;
      try {
        owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
      } catch {
        owner = null; // half-written or garbage: treat as stale
      }
      if (owner && (owner.host !== hostname() || isAlive(owner.pid))) {
        throw new AppError(
          'library_in_use',
          `The library in ${folder} is in use by another Shelfmark process (pid ${owner.pid} on ${owner.host}). Close it first, or open another library.`,
        );
      }
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first; retry the exclusive create
      }
    }
  }
  throw new AppError('library_in_use', `Could not take the lock of the library in ${folder}.`);
}
