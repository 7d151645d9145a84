import { expect, test, type Locator, type Page } from '@playwright/test';
import { MainScreen } from './main-screen';

/** The organising parts of the main window: collection and tag trees, menus, dialogs, toasts. */
export class Organiser extends MainScreen {
  readonly collections: Locator;
  readonly tags: Locator;
  readonly toast: Locator;
  readonly menu: Locator;

  constructor(page: Page) {
    super(page);
    this.collections = this.sidebar.getByRole('tree', { name: 'Collections' });
    this.tags = this.sidebar.getByRole('tree', { name: 'Tags' });
    this.toast = page.locator('.toast');
    this.menu = page.getByRole('menu');
  }

  /** The clickable row of a collection (its own button, not its children's). */
  collection(name: string): Locator {
    return this.collections
      .getByRole('treeitem', { name, exact: true })
      .locator(':scope > .tree-row > button:not(.twisty)');
  }

  tag(path: string): Locator {
    return this.tags.getByRole('treeitem', { name: path, exact: true }).locator(':scope > button');
  }

  /** Answers the app's own prompt dialog. */
  async answer(value: string | null, confirm?: string): Promise<void> {
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.locator('#ask-title') });
    await expect(dialog).toBeVisible();
    if (value === null) {
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    } else {
      const input = dialog.getByRole('textbox');
      if ((await input.count()) > 0) await input.fill(value);
      await dialog
        .getByRole('button', { name: confirm ?? /./ })
        .last()
        .click();
    }
    await expect(dialog).toBeHidden();
  }

  async menuAction(target: Locator, item: string | RegExp): Promise<void> {
    await target.click({ button: 'right' });
    await this.menu.getByRole('menuitem', { name: item }).click();
  }

  /**
   * Drags with real pointer steps: Chromium picks the drag source where the pointer has moved a
   * few pixels, so a one-step jump (locator.dragTo) can start the drag from a neighbour.
   */
  async dragByPointer(source: Locator, target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    await source.scrollIntoViewIfNeeded();
    const a = (await source.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + a.width / 2 + 6, a.y + a.height / 2, { steps: 3 });
    const b = (await target.boundingBox())!;
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  async openSample(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open sample library' }).click();
    await expect(this.rows().first()).toBeVisible();
  }

  /** Selects rows by title with ctrl-click after the first. */
  async selectMany(...titles: string[]): Promise<void> {
    for (const [i, t] of titles.entries()) {
      await this.row(t)
        .first()
        .click({ modifiers: i === 0 ? [] : ['ControlOrMeta'] });
    }
    await expect(this.table.locator('[role="row"][aria-selected="true"]')).toHaveCount(
      titles.length,
    );
  }

  /** A screenshot of a main view, kept under test-results/screenshots and in the report. */
  async shot(name: string): Promise<void> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path });
    await test.info().attach(name, { path, contentType: 'image/png' });
  }
}
