// The library folder (and its files/ folder), created on first run. A mistyped --library that
// names a file, or a path under one, is the user's to fix: say which path is in the way instead
// of an ENOTDIR stack.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors';

const isFile = (path: string): boolean => {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The nearest of `path` and its parents that exists and is not a folder, if any. */
function fileInTheWay(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    if (isFile(p)) return p;
    if (dirname(p) === p) return undefined;
  }
}

export function makeLibraryFolder(folder: string): void {
  if (isFile(folder)) {
    throw new AppError('io_error', `The library folder ${folder} is a file, not a folder.`);
  }
  try {
    mkdirSync(join(folder, 'files'), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const blocker =
      code === 'ENOTDIR' || code === 'EEXIST' ? fileInTheWay(join(folder, 'files')) : undefined;
    const why = blocker
      ? `${blocker} is a file, not a folder`
      : code === 'EACCES' || code === 'EPERM'
        ? 'no permission to write there'
        : code === 'EROFS'
          ? 'it is on a read-only file system'
          : undefined;
    if (!why) throw e;
    throw new AppError('io_error', `Cannot create the library folder ${folder}: ${why}.`);
  }
}
