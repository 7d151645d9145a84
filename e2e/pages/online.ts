import { expect, type Locator, type Page } from '@playwright/test';

const SERVICE_FIELDS = {
  crossref: 'Crossref URL',
  datacite: 'DataCite URL',
  arxiv: 'arXiv URL',
  openlibrary: 'Open Library URL',
  pubmed: 'PubMed E-utilities URL',
} as const;

/** The online features as a user sees them: add by identifier, feeds, online settings. */
export class OnlineScreen {
  readonly addDialog: Locator;
  readonly settingsDialog: Locator;
  readonly feedsList: Locator;

  constructor(readonly page: Page) {
    this.addDialog = page.getByRole('dialog', { name: 'Add by identifier' });
    this.settingsDialog = page.getByRole('dialog', { name: 'Online settings' });
    this.feedsList = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('list', { name: 'Feeds' });
  }

  /** Points every service at `base` + `/service` (the test's local server) and sets the switch. */
  async configure(base: string, { enabled = true, email = 'e2e@example.org' } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Online settings' }).click();
    const d = this.settingsDialog;
    await expect(d.getByLabel(SERVICE_FIELDS.crossref)).not.toHaveValue('');
    for (const [service, label] of Object.entries(SERVICE_FIELDS)) {
      await d.getByLabel(label).fill(`${base}/${service}`);
    }
    await d.getByLabel(/^Contact email/).fill(email);
    await d.getByLabel(/^arXiv: milliseconds/).fill('0');
    const toggle = d.getByLabel(/^Use network features/);
    if (enabled) await toggle.check();
    else await toggle.uncheck();
    await d.getByRole('button', { name: 'Save settings' }).click();
    await expect(d).toBeHidden();
  }

  async addByIdentifiers(ids: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Add by identifier' }).click();
    await this.addDialog.getByLabel(/^Identifiers/).fill(ids.join('\n'));
    await expect(this.addDialog.getByText(`${ids.length} recognised`)).toBeVisible();
    await this.addDialog.getByRole('button', { name: 'Add', exact: true }).click();
  }

  results(): Locator {
    return this.addDialog.getByRole('list', { name: 'Results' });
  }

  pending(): Locator {
    return this.addDialog.getByRole('list', { name: 'Pending identifiers' });
  }

  async closeAddDialog(): Promise<void> {
    await this.addDialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.addDialog).toBeHidden();
  }

  async subscribe(url: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Subscribe to a feed' }).click();
    const d = this.page.getByRole('dialog', { name: 'Subscribe to a feed' });
    await d.getByLabel(/^Feed URL/).fill(url);
    await d.getByRole('button', { name: 'Subscribe' }).click();
    await expect(d).toBeHidden();
  }

  feed(name: string): Locator {
    return this.feedsList.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  entries(): Locator {
    return this.page.getByRole('list', { name: 'Feed entries' }).getByRole('listitem');
  }

  entry(title: string): Locator {
    return this.page
      .getByRole('list', { name: 'Feed entries' })
      .getByRole('listitem', { name: title });
  }
}
