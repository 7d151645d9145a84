import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Backups, as a user sees it. */
export class BackupsDialog {
  readonly dialog: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Backups' });
    this.rows = this.dialog
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({
        has: page.getByRole('cell'),
      });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Backups' }).click();
    await expect(this.dialog).toBeVisible();
  }

  async backUpNow(): Promise<void> {
    const before = await this.rows.count();
    await this.dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect(this.dialog.getByRole('status')).toContainText('verified');
    await expect(this.rows).toHaveCount(before + 1);
  }

  /** Restores the backup of `row`, accepting the confirmation. */
  async restore(row: Locator): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Restore' }).click();
    await expect(this.dialog.getByRole('status')).toContainText('Restored');
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
