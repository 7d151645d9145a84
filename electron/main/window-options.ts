import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The options of every Shelfmark window, in one place so a test can read them: the renderer
 * is an untrusted web page with no Node, in a sandbox, isolated from the preload.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Shelfmark',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableBlinkFeatures: undefined,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Only these schemes may be handed to the OS by shell.openExternal. */
export const EXTERNAL_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

export function isSafeExternalUrl(url: string): boolean {
  try {
    return (EXTERNAL_SCHEMES as readonly string[]).includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
