import { realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const inside = (root: string, path: string) => path.startsWith(root + sep);

/**
 * The file that app://shelfmark/<pathname> serves from the built renderer, or null for a 404.
 * Only regular files whose real path (symlinks followed) lies inside the renderer folder:
 * never a directory (file:// would list it), never a link out, and a malformed %-escape or a
 * NUL is a 404 rather than a throw out of the protocol handler.
 */
export function rendererFile(rendererDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rendererDir);
  const path = resolve(root, `.${decoded}`);
  const file = path === root ? join(root, 'index.html') : path;
  if (!inside(root, file)) return null;
  try {
    const real = realpathSync(file);
    if (!inside(realpathSync(root), real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null; // missing, or a dangling link
  }
}
