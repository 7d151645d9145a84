// The app's own origin, and who may speak for it. Pure (no electron import) so it is tested in
// plain Node; ipc.ts and main.ts use it.

export const APP_SCHEME = 'app';
export const APP_HOST = 'shelfmark';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** A frame as Electron's WebFrameMain shows it: its URL and its parent (null at the top). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether `url` is a page of the app itself (app://shelfmark/…). Node's URL gives a custom
 * scheme the opaque origin "null" (Chromium's standard-scheme registration does not reach it),
 * so scheme, host and the absence of credentials are compared one by one.
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === `${APP_SCHEME}:` &&
      u.host === APP_HOST &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

/** Calls are accepted only from our own top-level page, never from a frame or another origin. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
