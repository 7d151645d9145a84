import { expect, type Locator, type Page } from '@playwright/test';

export interface NewItemInput {
  type?: string;
  title: string;
  authors?: string[];
  year?: string;
  venue?: string;
  doi?: string;
  url?: string;
  abstract?: string;
}

/** The three-pane main window, as a user sees it. */
export class MainScreen {
  readonly sidebar: Locator;
  readonly table: Locator;
  readonly itemPane: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Library' });
    this.table = page.getByRole('grid', { name: /^Items in / });
    this.itemPane = page.getByRole('complementary', { name: 'Item details' });
    this.search = page.getByRole('searchbox', { name: 'Search' });
  }

  /** A sidebar view such as "My Library", "Unfiled" or "Trash". */
  view(name: string): Locator {
    return this.sidebar.getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  async openView(name: string): Promise<void> {
    await this.view(name).click();
    await expect(this.page.getByRole('grid', { name: `Items in ${name}` })).toBeVisible();
  }

  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  row(title: string): Locator {
    return this.rows().filter({ hasText: title });
  }

  columnHeader(label: string): Locator {
    return this.table.getByRole('columnheader', { name: new RegExp(`^${label}`) });
  }

  async sortBy(label: string): Promise<void> {
    await this.columnHeader(label).getByRole('button').click();
  }

  field(label: string): Locator {
    return this.itemPane.getByLabel(label, { exact: true });
  }

  async addItem(input: NewItemInput): Promise<void> {
    await this.page.getByRole('button', { name: 'New item' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New item' });
    if (input.type) await dialog.getByLabel('Item type').selectOption(input.type);
    await dialog.getByLabel('Title').fill(input.title);
    if (input.authors) await dialog.getByLabel(/^Authors/).fill(input.authors.join('\n'));
    if (input.year) await dialog.getByLabel('Year').fill(input.year);
    if (input.venue) await dialog.getByLabel('Venue').fill(input.venue);
    if (input.doi) await dialog.getByLabel('DOI').fill(input.doi);
    if (input.url) await dialog.getByLabel('URL').fill(input.url);
    if (input.abstract) await dialog.getByLabel('Abstract').fill(input.abstract);
    await dialog.getByRole('button', { name: 'Add item' }).click();
    await expect(dialog).toBeHidden();
  }

  async select(title: string): Promise<void> {
    await this.row(title).first().click();
    await expect(this.field('Title')).toHaveValue(title);
  }

  /** Edits one field in the item pane and commits it the way a user does: by leaving it. */
  async editField(label: string, value: string): Promise<void> {
    const f = this.field(label);
    await f.fill(value);
    await f.blur();
  }
}
