// The guard every attachment path goes through (BibTeX `file`, RIS `L1`, names of dropped or
// downloaded files): it resolves a library-relative path and refuses anything that would read
// or write outside the library folder — the Zip Slip class of bugs.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../errors';

/** Linux allows 4096 bytes per path and 255 per name; we hold attachment paths to that. */
export const MAX_PATH_BYTES = 4096;
export const MAX_NAME_BYTES = 255;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function refuse(path: string, why: string): AppError {
  const shown = JSON.stringify(path.length > 120 ? `${path.slice(0, 120)}…` : path);
  return new AppError('forbidden', `Attachment path ${shown} was refused: ${why}.`);
}

/**
 * `p` with its deepest existing ancestor resolved through symlinks. A dangling symlink on the
 * way counts as leaving the library: writing through it would create its (outside) target.
 */
function realAncestor(p: string, original: string): string {
  let cur = p;
  for (;;) {
    let link = false;
    let present = true;
    try {
      link = lstatSync(cur).isSymbolicLink();
    } catch {
      present = false;
    }
    if (present) {
      if (link && !existsSync(cur)) throw refuse(original, 'it goes through a dangling symlink');
      return realpathSync(cur) + (cur === p ? '' : sep + relative(cur, p));
    }
    const up = dirname(cur);
    if (up === cur) return p;
    cur = up;
  }
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Resolves `path` (relative to the library folder, `/` or `\` separated) to an absolute path
 * inside `folder`, or throws AppError('forbidden') saying why. Refused: empty, NUL and other
 * control characters, absolute paths (POSIX, Windows drive letters, UNC, `\\?\`), `..`
 * segments, names Windows reserves, over-long paths or names, and anything that leaves the
 * folder through a symlink (checked on the real path of the deepest existing ancestor, so a
 * file about to be created is checked too).
 */
export function resolveInsideLibrary(folder: string, path: string): string {
  if (typeof path !== 'string' || path.length === 0) throw refuse(String(path), 'it is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) throw refuse(path, 'it contains control characters');
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) throw refuse(path, 'it is too long');
  const unified = path.replace(/\\/g, '/');
  if (
    isAbsolute(path) ||
    unified.startsWith('/') ||
    /^[a-z]:/i.test(unified) || // C:\… and drive-relative C:foo
    unified.startsWith('//') // UNC and \\?\ device paths
  ) {
    throw refuse(path, 'it is absolute; attachment paths are relative to the library folder');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(unified)) throw refuse(path, 'it is a URL, not a path');
  if (unified.startsWith('~')) throw refuse(path, 'it refers to a home folder');
  const parts = unified.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) throw refuse(path, 'it names the library folder itself');
  for (const part of parts) {
    if (part === '..' || /^\.{2,}$/.test(part.trim()))
      throw refuse(path, 'it climbs out with ".."');
    if (Buffer.byteLength(part) > MAX_NAME_BYTES) throw refuse(path, 'a name in it is too long');
    if (WINDOWS_RESERVED.test(part) || /[. ]$/.test(part)) {
      throw refuse(path, `"${part}" is not a valid file name on Windows`);
    }
    if (/[<>:"|?*]/.test(part)) throw refuse(path, `"${part}" has characters Windows refuses`);
  }
  const root = resolve(folder);
  const target = resolve(root, ...parts);
  if (!inside(root, target)) throw refuse(path, 'it leaves the library folder');
  const realRoot = realpathSync(root);
  const real = realAncestor(target, path);
  if (!inside(realRoot, real)) throw refuse(path, 'it leads out of the library through a symlink');
  return target;
}

/** The library-relative form (always `/`-separated) of a path `resolveInsideLibrary` accepted. */
export function libraryRelative(folder: string, absolute: string): string {
  return relative(resolve(folder), absolute).split(sep).join('/');
}

/** Convenience for writers: the checked path, its folder created if needed by the caller. */
export function attachmentTarget(folder: string, path: string): string {
  return resolveInsideLibrary(folder, `files/${path}`);
}
