// Writes a file so that a crash at any moment leaves either the whole old file or the whole new
// one: the new content goes to a temp file in the same folder (same file system, so rename is
// atomic), is flushed to disk, renamed over the target, and the folder entry is flushed too.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
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
