import { app, BrowserWindow, dialog, screen, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { autoExporterOf, startAutoExport } from '../library/autoexport/service';
import type { Library } from '../library/library';
import { type OnlineScheduler, startOnlineScheduler } from '../library/online/scheduler';
import { type BackupScheduler, backupScheduler } from '../library/safety/backups';
import { offerBackupIfFoundDamaged, openOrOfferBackup } from '../library/safety/startup';
import { isAppUrl } from './app-origin';
import { EVENT_CHANNEL, registerIpc } from './ipc';
import { focusWindow, forwardEvents } from './live-window';
import { APP_ORIGIN, registerSchemeAsPrivileged, serveRenderer } from './protocol';
import { rendererGonePolicy } from './renderer-gone';
import { settings } from './settings';
import { savedBounds, visibleBounds } from './saved-bounds';
import { canonicalFolder, launchRequest, otherLibraryMessage, secondLaunch } from './second-launch';
import { exitAfterFailedStart, quitGracefully, type ShutdownSteps } from './shutdown';
import { isSafeExternalUrl, mainWindowOptions } from './window-options';

// Bundled to dist/electron/main.cjs; the preload and renderer sit beside it.
const here = __dirname;
const rendererDir = join(here, '..', 'renderer');
// Built by `npm run rebuild:electron` for Electron's ABI; the Node build serves tests and the CLI.
const electronSqlite = join(here, '..', '..', 'build-electron', 'better_sqlite3.node');

let library: Library | null = null;
let window: BrowserWindow | null = null;
let scheduler: OnlineScheduler | null = null;
let daily: BackupScheduler | null = null;
/** The library this process opens (set before opening, so a second launch can compare). */
let openFolder: string | null = null;

registerSchemeAsPrivileged();

// A second launch hands over to this one and quits, sending the library it asked for.
if (!app.requestSingleInstanceLock(launchRequest(process.env, process.cwd()))) {
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(window));
  app.on('second-instance', (_e, _argv, _cwd, data) => {
    const launch = secondLaunch(data, openFolder, canonicalFolder);
    if (launch.action === 'tell') {
      void dialog.showMessageBox(otherLibraryMessage(launch.requested, launch.open));
    }
  });
  app.whenReady().then(start, (e: unknown) => fail(e));
}

function libraryFolder(): string {
  return (
    process.env.SHELFMARK_LIBRARY ??
    settings.get('lastLibrary') ??
    join(app.getPath('userData'), 'library')
  );
}

function fail(e: unknown): void {
  dialog.showErrorBox('Shelfmark could not start', (e as Error).message ?? String(e));
  void exitAfterFailure();
}

function harden(): void {
  // Deny every permission request (camera, notifications, ...): a reference manager needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    // parsed, not prefix-matched: app://shelfmark.evil/ and app://shelfmark@evil/ start alike
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** A damaged library: say what is wrong and offer the newest backup that passes its check. */
async function askRestore(message: string, backup: { name: string; createdAt: string }) {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'The library is damaged',
    message: 'Your library database is damaged.',
    detail: `${message}\n\nRestore the backup of ${new Date(backup.createdAt).toLocaleString()}? The damaged file is kept in the library's "replaced" folder.`,
    buttons: ['Restore backup', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}

async function start(): Promise<void> {
  try {
    harden();
    serveRenderer(rendererDir, () => library);
    openFolder = libraryFolder();
    library = await openOrOfferBackup(
      openFolder,
      existsSync(electronSqlite) ? { nativeBinding: electronSqlite } : {},
      askRestore,
    );
    // The full-file check runs in the background; a damaged file is offered its backup then
    // (the renderer shows it too, and every change is refused meanwhile).
    void offerBackupIfFoundDamaged(library, askRestore).catch((e: unknown) =>
      dialog.showErrorBox('The library is damaged', (e as Error).message ?? String(e)),
    );
    daily = backupScheduler(library); // daily, when idle
    registerIpc(library);
    startAutoExport(library);
    // Only the four numbers are taken from the settings file, checked, never anything else;
    // and only if the window would be reachable on a display there is now (screen needs ready).
    const bounds = visibleBounds(
      savedBounds(settings.get('windowBounds')),
      screen.getAllDisplays(),
    );
    window = new BrowserWindow({
      ...mainWindowOptions(join(here, 'preload.cjs')),
      ...(bounds ?? {}),
    });
    library.on(forwardEvents(() => window, EVENT_CHANNEL));
    window.once('ready-to-show', () => window?.show());
    window.on('close', () => {
      if (window) settings.set('windowBounds', window.getBounds());
    });
    window.on('closed', () => {
      window = null;
    });
    const rendererGone = rendererGonePolicy();
    window.webContents.on('render-process-gone', (_e, details) => {
      console.error(`[shelfmark] the window's renderer is gone: ${details.reason}`);
      const action = rendererGone(details.reason);
      if (action === 'reload') window?.webContents.reload();
      if (action === 'quit') {
        dialog.showErrorBox(
          'Shelfmark stopped',
          `The window failed repeatedly (${details.reason}). Your library is saved; start Shelfmark again.`,
        );
        app.quit();
      }
    });
    void window.loadURL(`${APP_ORIGIN}/index.html`);
    // Feeds and pending identifiers: at start and every few hours, only when online is on.
    scheduler = startOnlineScheduler(library, {
      onError: (e) => console.error('[shelfmark] online round failed:', e),
    });
  } catch (e) {
    fail(e);
  }
}

// Quitting goes through will-quit, which every path reaches (window-all-closed is skipped by
// Cmd+Q, app.quit() and signals): the library is closed there, after background work stopped.
// A failed start leaves by app.exit(), which skips will-quit, so it runs the same steps itself.
const shutdownSteps: ShutdownSteps = {
  // Auto-export files are flushed after they are put in place: waiting (a little) for the
  // flushes lets the library record them, so the next start need not rewrite them.
  stop: () => {
    scheduler?.stop();
    daily?.stop();
    return library ? autoExporterOf(library)?.stop() : undefined;
  },
  // Taken out of `library` first, so no path closes it twice or uses it closed.
  close: () => {
    const lib = library;
    library = null;
    lib?.close();
  },
};
const exitAfterFailure = exitAfterFailedStart(shutdownSteps, (code) => app.exit(code));
app.on('window-all-closed', () => app.quit());
app.on(
  'will-quit',
  quitGracefully(shutdownSteps, () => app.quit()),
);
