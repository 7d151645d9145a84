import { expect, test } from './fixtures';

test('add an item by hand, edit it, trash and restore it, and find it all after a reload', async ({
  main,
  app,
  page,
}) => {
  await expect(main.page.getByText('No items here.')).toBeVisible();

  await main.addItem({
    title: 'Attention Is All You Need',
    authors: ['Vaswani, Ashish', 'Noam Shazeer'],
    year: '2017',
    venue: 'Advances in Neural Information Processing Systems',
    doi: '10.48550/arXiv.1706.03762',
    abstract: 'The dominant sequence transduction models are based on complex recurrent networks.',
  });
  const row = main.row('Attention Is All You Need');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Vaswani, Shazeer');
  await expect(row).toContainText('2017');
  await expect(row).toContainText('vaswani2017attention');

  // The new item is selected; edit its venue and title in the item pane.
  await expect(main.field('Title')).toHaveValue('Attention Is All You Need');
  await main.editField('Venue', 'NeurIPS');
  await expect(row).toContainText('NeurIPS');
  await main.editField('Title', 'Attention Is All You Need (revised)');
  await expect(main.row('Attention Is All You Need (revised)')).toHaveCount(1);

  // Trash it: gone from My Library, present in Trash.
  await main.itemPane.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(main.rows()).toHaveCount(0);
  await expect(main.view('Trash')).toContainText('1');
  await main.openView('Trash');
  await expect(main.row('Attention Is All You Need (revised)')).toHaveCount(1);

  // Restore it from the Trash.
  await main.select('Attention Is All You Need (revised)');
  await main.itemPane.getByRole('button', { name: 'Restore to Library' }).click();
  await expect(main.rows()).toHaveCount(0);
  await main.openView('My Library');
  await expect(main.row('Attention Is All You Need (revised)')).toHaveCount(1);

  // Everything persisted: reload and look again.
  await app.reload();
  await expect(main.row('Attention Is All You Need (revised)')).toContainText('NeurIPS');
  await main.select('Attention Is All You Need (revised)');
  await expect(main.field('Authors')).toHaveValue('Vaswani, Ashish\nShazeer, Noam');
  await expect(main.field('DOI')).toHaveValue('10.48550/arXiv.1706.03762');
  await expect(page.getByRole('grid', { name: 'Items in My Library' })).toBeVisible();
});

test('the item table sorts by a column and moves the selection with the keyboard', async ({
  main,
}) => {
  for (const [title, year] of [
    ['Bravo paper', '2019'],
    ['Alpha paper', '2021'],
    ['Charlie paper', '2020'],
  ] as const) {
    await main.addItem({ title, year });
  }
  await main.sortBy('Title');
  await expect(main.columnHeader('Title')).toHaveAttribute('aria-sort', 'ascending');
  await expect(main.rows().nth(0)).toContainText('Alpha paper');
  await expect(main.rows().nth(2)).toContainText('Charlie paper');

  await main.sortBy('Year');
  await main.sortBy('Year');
  await expect(main.columnHeader('Year')).toHaveAttribute('aria-sort', 'descending');
  await expect(main.rows().nth(0)).toContainText('Alpha paper');
  await expect(main.rows().nth(1)).toContainText('Charlie paper');

  await main.rows().nth(0).click();
  await main.table.press('ArrowDown');
  await expect(main.field('Title')).toHaveValue('Charlie paper');
  await main.table.press('End');
  await expect(main.field('Title')).toHaveValue('Bravo paper');
});

test('Enter in the title saves it as typed; it does not put a line break into the title', async ({
  main,
  app,
}) => {
  await main.addItem({ title: 'Deep Residual Learning', year: '2016' });
  const title = main.field('Title');
  await title.click();
  await title.press('End');
  await title.pressSequentially(' for Image Recognition');
  await title.press('Enter');
  await expect(main.row('Deep Residual Learning for Image Recognition')).toHaveCount(1);
  await expect(title).toHaveValue('Deep Residual Learning for Image Recognition');

  await app.reload();
  await main.select('Deep Residual Learning for Image Recognition');
  await expect(main.field('Title')).toHaveValue('Deep Residual Learning for Image Recognition');
});

test('a Date or DOI the app cannot read is kept as typed, with a warning naming the problem', async ({
  main,
}) => {
  await main.addItem({ title: 'Deep Residual Learning', year: '2016' });
  // the Year cell (the citation key holds the year too)
  const year = main
    .row('Deep Residual Learning')
    .getByRole('gridcell', { name: '2016', exact: true });
  await expect(year).toHaveCount(1);

  await main.editField('Date', 'not a date');
  await expect(main.field('Date')).toHaveValue('not a date');
  await expect(main.field('Date')).toHaveAccessibleDescription(
    'not a date: use YYYY, YYYY-MM or YYYY-MM-DD',
  );
  await expect(main.field('Date')).toHaveAttribute('aria-invalid', 'true');
  await expect(year).toHaveCount(0);

  await main.editField('DOI', 'bogus');
  await expect(main.field('DOI')).toHaveValue('bogus');
  await expect(main.field('DOI')).toHaveAccessibleDescription(/^not a DOI: /);

  // both were saved: they survive selecting another item and coming back
  await main.addItem({ title: 'Another paper' });
  // rows are reused slots: wait for the new row before clicking, or the click can land on the
  // slot just as it starts showing another item (as in tags.spec.ts)
  await expect(main.row('Another paper')).toHaveCount(1);
  await main.select('Deep Residual Learning');
  await expect(main.field('Date')).toHaveValue('not a date');
  await expect(main.field('DOI')).toHaveValue('bogus');

  // fixing them clears the warnings
  await main.editField('Date', '2016-06');
  await main.editField('DOI', 'https://doi.org/10.1109/CVPR.2016.90');
  await expect(year).toHaveCount(1);
  await expect(main.itemPane.getByText(/^not a (date|DOI)/)).toHaveCount(0);
  await expect(main.field('Date')).not.toHaveAttribute('aria-invalid', 'true');
});

test('the New item dialog warns about a Date or DOI it cannot read, and still adds the item as typed', async ({
  page,
  main,
}) => {
  await page.getByRole('button', { name: 'New item' }).click();
  const dialog = page.getByRole('dialog', { name: 'New item' });
  await dialog.getByLabel('Title').fill('Deep Residual Learning');
  const year = dialog.getByLabel('Year');
  const doi = dialog.getByLabel('DOI');
  // as in the item pane, a value is checked once the field is left
  await year.fill('June 2016');
  await year.blur();
  await expect(year).toHaveAccessibleDescription('not a date: use YYYY, YYYY-MM or YYYY-MM-DD');
  await expect(year).toHaveAttribute('aria-invalid', 'true');
  await doi.fill('bogus');
  await doi.blur();
  await expect(doi).toHaveAccessibleDescription(/^not a DOI: /);

  // a fixed value loses its warning
  await year.fill('2016-13');
  await year.blur();
  await expect(year).toHaveAccessibleDescription('no month 13: months are 01 to 12');
  await year.fill('2016');
  await year.blur();
  await expect(dialog.getByText(/^not a date|^no month/)).toHaveCount(0);
  await expect(year).not.toHaveAttribute('aria-invalid', 'true');

  // the warning never blocks adding: the DOI is kept as typed, and warned about in the pane
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog).toBeHidden();
  await main.select('Deep Residual Learning');
  await expect(main.field('DOI')).toHaveValue('bogus');
  await expect(main.field('DOI')).toHaveAccessibleDescription(/^not a DOI: /);

  // the next new item starts without the last one's warnings
  await page.getByRole('button', { name: 'New item' }).click();
  await expect(dialog.getByLabel('DOI')).toHaveValue('');
  await expect(dialog.getByText(/^not a DOI/)).toHaveCount(0);
});

test('the rating is set with the arrow keys, one stop in the tab order as a radio group is', async ({
  page,
  main,
}) => {
  await main.addItem({ title: 'Rated paper', year: '2020' });
  await main.select('Rated paper');
  const rating = main.itemPane.getByRole('radiogroup', { name: 'Rating' });
  const star = (n: number) => rating.getByRole('radio', { name: `${n} star${n === 1 ? '' : 's'}` });
  // unrated: the first star is the group's one tab stop
  await expect(rating.locator('[tabindex="0"]')).toHaveCount(1);
  await star(1).focus();
  await page.keyboard.press('ArrowRight');
  await expect(star(1)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(star(3)).toHaveAttribute('aria-checked', 'true');
  await expect(star(3)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(star(2)).toHaveAttribute('aria-checked', 'true');
  await expect(rating.locator('[tabindex="0"]')).toHaveAccessibleName('2 stars');
});
