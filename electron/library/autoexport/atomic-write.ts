// Writes a file so that a crash at any moment leaves either the whole old file or the whole new
// one: the new content goes to a temp file in the same folder (same file system, so rename is
// atomic), is flushed to disk, renamed over the target, and the folder entry is flushed too.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.shelfmark-tmp';

function tempPath(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
  );
}

export async function writeFileAtomic(target: string, content: string | Buffer): Promise<void> {
  const temp = tempPath(target);
  const mode = await stat(target).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(temp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  await syncDir(dirname(target));
}

/** Test hook: where `replaceFile` stops as if the process died there (null: nowhere). */
export type CrashPoint = 'before-rename' | 'after-rename' | 'after-fsync';

export interface Replaced {
  /** Settles once the new file and its folder entry are flushed to disk. */
  durable: Promise<void>;
  /** ms: writing and flushing the temp file, waiting for `beforeRename` after that, the rename. */
  steps: { write: number; wait: number; rename: number };
}

/**
 * Puts `parts` (concatenated) in place of `target` atomically: the temp file is written in the
 * same folder and flushed to disk, then renamed over the target, so a reader, a process killed
 * at any moment and a power loss all see the whole old or the whole new file (the order the
 * reliability brief asks for). The flush runs while the caller records its intent
 * (`beforeRename`), so it mostly costs no extra time. The fsync of the folder entry runs after
 * the rename; `durable` settles when it is done. Until then a power loss can bring back the old
 * (whole) file: the caller records that a replacement is unconfirmed before it happens and
 * rewrites the file at the next start if it never was.
 */
export async function replaceFile(
  target: string,
  parts: readonly Buffer[],
  size: number,
  opts: { beforeRename?: Promise<void>; crashAt?: CrashPoint | null } = {},
): Promise<Replaced> {
  const t0 = performance.now();
  const steps = { write: 0, wait: 0, rename: 0 };
  const temp = tempPath(target);
  const mode = await stat(target).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  let previous: FileHandle | null = null;
  try {
    let { bytesWritten } = await fh.writev(parts as Buffer[]);
    // a short write (rare on a regular file): write the rest from where it stopped
    if (bytesWritten < size) {
      const rest = Buffer.concat(parts as Buffer[]).subarray(bytesWritten);
      await fh.write(rest, 0, rest.length, bytesWritten);
      bytesWritten = size;
    }
    // flushed before the rename, never after: a power loss must not leave a short file
    await fh.sync();
    const t1 = performance.now();
    await opts.beforeRename;
    if (opts.crashAt === 'before-rename') process.exit(70);
    const t2 = performance.now();
    // Held open across the rename, the old file is not freed by it (its blocks and 65 MB of
    // cache at 100k entries: 25–40 ms in the rename, measured) but when closed, afterwards.
    // (Windows refuses to rename over an open file.)
    if (process.platform !== 'win32')
      previous = await open(target, constants.O_RDONLY).catch(() => null);
    await rename(temp, target);
    Object.assign(steps, { write: t1 - t0, wait: t2 - t1, rename: performance.now() - t2 });
  } catch (e) {
    await previous?.close().catch(() => {});
    await fh.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw e;
  }
  if (opts.crashAt === 'after-rename') process.exit(70);
  const durable = (async () => {
    await previous?.close().catch(() => {});
    await fh.close();
    await syncDir(dirname(target));
    if (opts.crashAt === 'after-fsync') process.exit(70);
  })();
  // the caller may not wait for it before its next await; never an unhandled rejection
  durable.catch(() => {});
  return { durable, steps };
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } catch (e) {
    // some file systems do not support fsync on a directory; the rename itself is still atomic
    if (
      (e as NodeJS.ErrnoException).code !== 'EINVAL' &&
      (e as NodeJS.ErrnoException).code !== 'EISDIR'
    )
      throw e;
  } finally {
    await fh.close();
  }
}

/** Removes temp files a killed export left next to `target` (only ours, only for this target). */
export async function removeStaleTemps(target: string): Promise<number> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let n = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (pid === process.pid || isAlive(pid)) continue;
    await unlink(join(dir, name)).then(
      () => n++,
      () => {},
    );
  }
  return n;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
