// Writing an export file so that a crash or kill -9 at any moment leaves the target either the
// whole old file or the whole new one: temp file in the same folder, fsync, rename, fsync folder.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../errors';

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const path = resolve(target);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // a new file
  }
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(e, path, dir);
  }
  // the rename itself must reach the disk too
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic there
  }
}

/**
 * The failures a user can fix (a mistyped folder, a target that is a folder, no permission, a
 * full disk) in words naming the path, instead of an errno and a stack; others as they are.
 */
function writeError(e: unknown, path: string, dir: string): unknown {
  const cannot = (why: string) => new AppError('io_error', `Cannot write ${path}: ${why}.`);
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'io_error',
        `Not enough disk space to write ${path}. Nothing was written; any earlier version of the file is unchanged.`,
      );
    case 'ENOENT':
      return cannot(`the folder ${dir} does not exist`);
    case 'ENOTDIR':
      return cannot(`${dir} is not a folder`);
    case 'EISDIR':
      return cannot('it is a folder');
    case 'EACCES':
    case 'EPERM':
      return cannot(`no permission to write in ${dir}`);
    case 'EROFS':
      return cannot(`${dir} is on a read-only file system`);
    default:
      return e;
  }
}
