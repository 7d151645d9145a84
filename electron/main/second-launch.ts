import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** What a second launch sends to the running one (requestSingleInstanceLock's additionalData). */
export interface LaunchRequest {
  library?: string;
}

/**
 * In the second launch: the library it asks for. Only $SHELFMARK_LIBRARY asks (the desktop app
 * reads no arguments); resolved here, because a relative path means the launch's own folder.
 */
export function launchRequest(env: NodeJS.ProcessEnv, cwd: string): LaunchRequest {
  const dir = env.SHELFMARK_LIBRARY;
  return dir ? { library: resolve(cwd, dir) } : {};
}

export type SecondLaunch =
  { action: 'focus' } | { action: 'tell'; requested: string; open: string };

/** The real path (links followed) where the folder exists, else the resolved path. */
export function canonicalFolder(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/**
 * In the running instance: what to do about a second launch. It always brings the window
 * forward; if it asked for another library than the open one (which stays open: one library
 * per process), the user is told, rather than left believing it was opened. The data comes
 * from another process, so anything but a sane absolute path counts as no request.
 */
export function secondLaunch(
  data: unknown,
  openFolder: string | null,
  canonical: (path: string) => string = resolve,
): SecondLaunch {
  const requested = (data as LaunchRequest | null)?.library;
  if (typeof requested !== 'string' || !isAbsolute(requested)) return { action: 'focus' };
  if (requested.length > 4096 || requested.includes('\0') || !openFolder)
    return { action: 'focus' };
  if (canonical(requested) === canonical(openFolder)) return { action: 'focus' };
  return { action: 'tell', requested, open: openFolder };
}

/** The message box main.ts shows for `tell`. */
export function otherLibraryMessage(requested: string, open: string) {
  return {
    type: 'info' as const,
    title: 'Shelfmark is already open',
    message: 'Shelfmark is already open with another library.',
    detail:
      `You asked for the library in ${requested}, but this window shows the one in ${open}, ` +
      'and Shelfmark opens one library at a time. To switch, quit Shelfmark and start it ' +
      'again with SHELFMARK_LIBRARY set to the library you want.',
  };
}
