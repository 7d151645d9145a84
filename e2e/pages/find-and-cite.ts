import { expect, type Locator, type Page } from '@playwright/test';
import type { MainScreen } from './main-screen';

/** Quick search, smart collections and citing, as a user reaches them. */
export class FindAndCite {
  readonly queryError: Locator;
  readonly smartCollections: Locator;

  constructor(
    readonly page: Page,
    readonly main: MainScreen,
  ) {
    this.queryError = page.getByRole('alert', { name: 'Query error' });
    this.smartCollections = main.sidebar.getByRole('list', { name: 'Smart collections' });
  }

  async search(query: string): Promise<void> {
    await this.main.search.fill(query);
  }

  /** The "Found in" cell (search snippet) of a row: the one with the matched words marked. */
  snippet(row: Locator): Locator {
    return row.getByRole('gridcell').filter({ has: this.page.locator('mark') });
  }

  async saveSearchAs(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Save search' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save search as a smart collection' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(this.smartCollection(name)).toBeVisible();
  }

  smartCollection(name: string): Locator {
    return this.smartCollections.getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  async copyBibliography(): Promise<string> {
    await this.main.itemPane.getByRole('button', { name: 'Copy bibliography' }).click();
    await expect(this.main.itemPane.getByRole('status').filter({ hasText: /^Copied/ })).toBeVisible(
      { timeout: 30_000 },
    ); // the first use loads the CSL processor
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
