import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A shared fixture, `../shared/fixtures/<name>` from the project root (or a worktree below it). */
export function fixtureText(name: string): string {
  let dir = process.cwd();
  for (let i = 0; i < 4; i++) {
    const p = join(dir, '..', 'shared', 'fixtures', name);
    if (existsSync(p)) return readFileSync(p, 'utf8');
    dir = dirname(dir);
  }
  throw new Error(`fixture ${name} not found above ${process.cwd()}`);
}

/** The File menu and the import/export dialogs, as a user drives them. */
export class TransferUi {
  readonly report: Locator;

  constructor(readonly page: Page) {
    this.report = page.getByRole('dialog', { name: 'Import report' });
  }

  async menu(item: string): Promise<void> {
    await this.page.getByRole('button', { name: 'File', exact: true }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  async pasteListing(text: string): Promise<void> {
    await this.menu('Paste listing…');
    const dialog = this.page.getByRole('dialog', { name: 'Paste listing' });
    await dialog.getByLabel('Listing text').fill(text);
    await dialog.getByRole('button', { name: 'Import papers' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Chooses files in File → Import… and confirms with the given duplicate handling. */
  async importFiles(
    files: { name: string; mimeType: string; buffer: Buffer }[],
    duplicates: 'Skip it' | 'Merge it into the existing item' | 'Import it anyway' = 'Skip it',
  ): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.menu('Import…');
    await (await chooser).setFiles(files);
    const dialog = this.page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel(duplicates).check();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  }

  async closeReport(): Promise<void> {
    await this.report.getByRole('button', { name: 'Close' }).click();
    await expect(this.report).toBeHidden();
  }
}
