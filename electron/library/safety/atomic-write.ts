import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';
import { fsyncPath, isDiskFull } from './backup-files';

/**
 * Writes `data` to `target` so that a crash or a full disk leaves either the whole old file or
 * the whole new one, never a truncated mix: temp file in the same folder, fsync, rename over
 * the target, fsync the folder. Exports (.bib and others) save through this.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    fsyncPath(dir);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (isDiskFull(e)) {
      throw new AppError(
        'io_error',
        `Not enough disk space to write ${target}. Nothing was written; any earlier version of the file is unchanged.`,
      );
    }
    throw new AppError('io_error', `Could not write ${target}: ${(e as Error).message}`);
  }
}
