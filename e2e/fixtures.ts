// Every e2e test gets its own fresh library folder and its own host: the web host in Debian's
// Chromium, or the Electron app where its binary is installed.
import { test as base, expect, _electron, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../electron/library/library';
import { startWebHost } from '../electron/web/server';
import { electronBinary } from './electron-binary';
import { MainScreen } from './pages/main-screen';

export interface ShelfmarkApp {
  libraryDir: string;
  /** The web host's URL with its access token (web host only). */
  url: string;
  /** Reloads the UI as a user would (web: reload the page). */
  reload(): Promise<void>;
}

interface Fixtures {
  shelfmarkHost: 'web' | 'electron';
  hostGuard: void;
  app: ShelfmarkApp;
  main: MainScreen;
}

const ELECTRON_MISSING =
  'Electron binary not installed (it cannot be downloaded on this machine); the same spec runs in Chromium against the web host.';

export const test = base.extend<Fixtures>({
  shelfmarkHost: ['web', { option: true }],
  hostGuard: [
    async ({ shelfmarkHost }, use, testInfo) => {
      if (shelfmarkHost === 'electron' && !electronBinary()) testInfo.skip(true, ELECTRON_MISSING);
      await use();
    },
    { auto: true },
  ],
  app: async ({ shelfmarkHost }, use) => {
    const libraryDir = mkdtempSync(join(tmpdir(), 'shelfmark-e2e-'));
    if (shelfmarkHost === 'electron') {
      await use({ libraryDir, url: '', reload: async () => {} });
    } else {
      const library = Library.open(libraryDir);
      const host = await startWebHost({ library });
      await use({ libraryDir, url: host.openUrl, reload: async () => {} });
      await host.close();
      library.close();
    }
    rmSync(libraryDir, { recursive: true, force: true });
  },
  page: async ({ shelfmarkHost, app, page }, use) => {
    if (shelfmarkHost === 'electron') {
      const electronApp = await _electron.launch({
        executablePath: electronBinary()!,
        args: ['dist/electron/main.cjs'],
        env: { ...process.env, SHELFMARK_LIBRARY: app.libraryDir },
      });
      const window = await electronApp.firstWindow();
      app.reload = async () => {
        await window.reload();
      };
      await use(window);
      await electronApp.close();
      return;
    }
    await page.goto(app.url);
    app.reload = async () => {
      await page.reload();
    };
    await use(page);
  },
  main: async ({ page }, use) => {
    const main = new MainScreen(page);
    await expect(main.table).toBeVisible();
    await use(main);
  },
});

export { expect };
export type { Page };
