import { expect, test } from './fixtures';
import { TransferUi } from './pages/transfer';

// 600 items: six pages of rows, more than a screen, so the table fetches pages as it scrolls.
const N = 600;
const bib = Array.from(
  { length: N },
  (_, i) =>
    `@article{scroll${i},\n  title = {Scroll paper ${String(i).padStart(3, '0')}},\n  author = {Tester, Ann},\n  year = {2001}\n}`,
).join('\n\n');

test('a long table loads the rows where it is scrolled to, and selects across pages', async ({
  main,
  page,
}) => {
  const ui = new TransferUi(page);
  await ui.importFiles([{ name: 'many.bib', mimeType: 'text/plain', buffer: Buffer.from(bib) }]);
  await ui.closeReport();
  await expect(main.table).toHaveAttribute('aria-rowcount', String(N + 1));
  await main.sortBy('Title');

  // far down at once (past pages never shown): the rows there load, not placeholders
  await main.table.evaluate((grid) => {
    const body = grid.querySelector<HTMLElement>('.item-table-body')!;
    body.scrollTop = 28 * 450;
  });
  const row451 = main.table.locator('[role="row"][aria-rowindex="452"]');
  await expect(row451).toContainText('Scroll paper 450');
  await expect(main.rows().filter({ hasText: '…' })).toHaveCount(0);

  // click there, then shift+click a row further down: the range is selected
  await row451.getByRole('gridcell').nth(1).click();
  await main.table
    .locator('[role="row"][aria-rowindex="457"]')
    .getByRole('gridcell')
    .nth(1)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByText(/· 6 selected/)).toBeVisible();

  // the keyboard reaches the end and the last row loads
  await main.table.press('End');
  await expect(main.rows().last()).toHaveAttribute('aria-rowindex', String(N + 1));
  await expect(main.rows().last()).toContainText(`Scroll paper ${N - 1}`);
});
