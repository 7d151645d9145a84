// Every path the attachment code reads or writes goes through here. Stored files live under
// `<library>/files/`; a relative name from anywhere (imported data, the database) is refused if
// it is absolute, has a `..` segment, a NUL, or resolves — through symlinks too — outside.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { AppError } from '../errors';

export const FILES_DIR = 'files';

export function filesRoot(libraryFolder: string): string {
  return join(libraryFolder, FILES_DIR);
}

/** Where a stored file with this content hash lives, relative to the library folder. */
export function storedRelPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('internal', 'bad content hash');
  return `${FILES_DIR}/${sha256.slice(0, 2)}/${sha256}.pdf`;
}

function forbidden(what: string): AppError {
  return new AppError(
    'forbidden',
    `Refusing the path “${what.slice(0, 200)}”: it leads outside the allowed folder.`,
  );
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realish(p: string): string {
  let cur = p;
  const rest: string[] = [];
  while (!existsSync(cur)) {
    const parent = dirname(cur);
    if (parent === cur) return p;
    rest.unshift(cur.slice(parent.length + 1));
    cur = parent;
  }
  return join(realpathSync(cur), ...rest);
}

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Resolves `rel` inside `root`, refusing anything that could escape it: absolute paths (POSIX,
 * Windows drive or UNC), `..` segments, NUL bytes, and symlinks pointing out.
 */
export function resolveInside(root: string, rel: string): string {
  if (
    !rel ||
    rel.includes('\0') ||
    isAbsolute(rel) ||
    /^[a-zA-Z]:|^[\\/]/.test(rel) ||
    rel.split(/[\\/]+/).some((seg) => seg === '..')
  ) {
    throw forbidden(rel);
  }
  const full = resolve(root, rel);
  if (!isInside(resolve(root), full)) throw forbidden(rel);
  const realRoot = existsSync(root) ? realpathSync(root) : resolve(root);
  if (!isInside(realRoot, realish(full))) throw forbidden(rel);
  return full;
}

/** A stored attachment's absolute path, checked to stay inside `<library>/files/`. */
export function storedPath(libraryFolder: string, rel: string): string {
  if (!rel.startsWith(`${FILES_DIR}/`)) throw forbidden(rel);
  // Checked against the library folder itself, so a `files` symlink pointing out is refused too.
  return resolveInside(libraryFolder, rel);
}

/**
 * A file the user picked (CLI argument, Electron dialog, drop): must be an absolute, normalised
 * path to an existing regular file. The user chose it, so it may live anywhere.
 */
export function userChosenFile(path: string): string {
  if (!path || path.includes('\0') || !isAbsolute(path) || normalize(path) !== path) {
    throw new AppError('invalid_input', `“${path.slice(0, 200)}” is not an absolute file path.`);
  }
  if (!existsSync(path)) throw new AppError('not_found', `The file ${path} does not exist.`);
  if (!statSync(path).isFile()) throw new AppError('invalid_input', `${path} is not a file.`);
  return path;
}

/**
 * A file named in imported data (a BibTeX `file` field, a RIS `L1` line): relative to the
 * folder of the file the user imported, and never outside it. Absolute names are refused,
 * because the user chose the import file, not whatever paths it mentions.
 */
export function resolveImportedPath(importDir: string, name: string): string {
  return resolveInside(importDir, name.replace(/^file:\/\//i, ''));
}

/** A linked attachment's stored path: only an absolute, normalised path is ever opened. */
export function linkedPath(p: string): string {
  if (!p || p.includes('\0') || !isAbsolute(p) || normalize(p) !== p) throw forbidden(p);
  return p;
}
