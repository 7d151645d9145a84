import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { fixtureText, TransferUi } from './pages/transfer';

const ris = (records: string[]) => Buffer.from(records.join('\n\n') + '\n');
const RIS_GOOD = [
  'TY  - JOUR\nTI  - Deep learning for cats\nAU  - Smith, John\nPY  - 2020\nDO  - 10.1234/cats\nT2  - Journal of Feline Studies\nER  - ',
  'TY  - BOOK\nTI  - The TeXbook\nAU  - Knuth, Donald E.\nPB  - Addison-Wesley\nPY  - 1984\nER  - ',
];
const RIS_BAD = 'TY  - JOUR\nPY  - 2021\nER  - ';

test('pasting the Hugging Face listing gives exactly its 60 papers', async ({ main, page }) => {
  const ui = new TransferUi(page);
  await ui.pasteListing(fixtureText('hf-papers-listing.txt'));
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '60 items imported, 0 skipped, 0 duplicates',
  );
  await ui.closeReport();
  await expect(page.getByText(/^\d+ items?$/)).toHaveText('60 items');
  // The (virtualised) table holds exactly 60 rows plus its header row.
  await expect(main.table).toHaveAttribute('aria-rowcount', '61');
  await main.table.press('End');
  await expect(main.rows().last()).toHaveAttribute('aria-rowindex', '61');
  await expect(main.rows().last()).toContainText(
    /CoLoR-Filter|Improved Active Multi-Task Representation Learning via Lasso/,
  );

  // Titles and abstracts are separate: a title is a row, its abstract is in the item pane.
  await main.search.fill('Lasso');
  await expect(main.rows()).toHaveCount(1);
  await main.select('Improved Active Multi-Task Representation Learning via Lasso');
  await expect(main.field('Abstract')).toHaveValue(/^To leverage the copious amount of data/);
  // Nothing was made from the page chrome.
  for (const chrome of ['Subscribe', 'byAK and the research community', 'May 29']) {
    await main.search.fill(chrome);
    await expect(main.rows().filter({ hasText: new RegExp(`^${chrome}$`) })).toHaveCount(0);
  }
});

test('File → Import… reports problems with file and line, and duplicates on a second import', async ({
  main,
  page,
}) => {
  const ui = new TransferUi(page);
  await ui.importFiles([
    {
      name: 'refs.ris',
      mimeType: 'application/x-research-info-systems',
      buffer: ris([...RIS_GOOD, RIS_BAD]),
    },
  ]);
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '2 items imported, 1 skipped, 0 duplicates',
  );
  const problems = ui.report.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row').nth(1)).toContainText('refs.ris');
  await expect(problems.getByRole('row').nth(1)).toContainText('16');
  await expect(problems.getByRole('row').nth(1)).toContainText('no title');
  await ui.closeReport();
  await expect(main.row('Deep learning for cats')).toHaveCount(1);

  await ui.importFiles([{ name: 'again.ris', mimeType: 'text/plain', buffer: ris(RIS_GOOD) }]);
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '0 items imported, 0 skipped, 2 duplicates',
  );
  await expect(ui.report.getByRole('region', { name: 'Duplicates' })).toContainText(
    'Deep learning for cats',
  );
  await ui.closeReport();
  await expect(main.rows()).toHaveCount(2);
});

test('files dropped onto the window are imported', async ({ main, page }) => {
  const ui = new TransferUi(page);
  const text = RIS_GOOD.join('\n\n');
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.ris', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      window.dispatchEvent(
        new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
  }, text);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByRole('list', { name: 'Files to import' })).toContainText('dropped.ris');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '2 items imported, 0 skipped, 0 duplicates',
  );
  await ui.closeReport();
  await expect(main.row('The TeXbook')).toHaveCount(1);
});

test('Export… downloads the selection as RIS, and Copy as BibTeX fills the clipboard', async ({
  main,
  page,
  context,
}) => {
  const ui = new TransferUi(page);
  await ui.importFiles([{ name: 'refs.ris', mimeType: 'text/plain', buffer: ris(RIS_GOOD) }]);
  await ui.closeReport();
  await main.select('The TeXbook');

  await ui.menu('Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption({ label: 'RIS' });
  await expect(dialog.getByLabel('Selected items (1)')).toBeChecked();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('selection.ris');
  const body = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(body as Buffer[]).toString('utf8');
  expect(text).toContain('TI  - The TeXbook');
  expect(text).not.toContain('Deep learning for cats');

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ui.menu('Copy as BibTeX');
  await expect(
    page.getByRole('status').filter({ hasText: 'Copied BibTeX of 1 item' }),
  ).toBeVisible();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toMatch(/^@book\{knuth1984/m);
});

test('pasting an arXiv abstract page gives one paper with its authors and id', async ({
  main,
  page,
}) => {
  const ui = new TransferUi(page);
  await ui.pasteListing(readFileSync('electron/library/formats/testdata/arxiv-abs.txt', 'utf8'));
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '1 item imported, 0 skipped, 0 duplicates',
  );
  await ui.closeReport();
  const row = main.row('Attention Is All You Need');
  await expect(row).toContainText('Vaswani, Shazeer, Parmar et al.');
  await expect(row).toContainText('2017');
});

test('a file in no known format is reported and nothing is imported', async ({ main, page }) => {
  const ui = new TransferUi(page);
  await ui.importFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') },
  ]);
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '0 items imported, 0 skipped, 0 duplicates',
  );
  await expect(ui.report.getByRole('alert')).toContainText('Not imported: notes.txt: not a format');
  await ui.closeReport();
  await expect(main.rows()).toHaveCount(0);
});

test('the File menu works from the keyboard', async ({ page }) => {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Import…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Paste listing…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Paste listing' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Paste listing' })).toBeHidden();
});

test('a BibTeX record pasted into Paste listing… is read as BibTeX, key and all', async ({
  main,
  page,
}) => {
  const ui = new TransferUi(page);
  await ui.pasteListing(
    '@article{Knuth1984,\n  author = {Donald E. Knuth},\n  title = {Literate Programming},\n  journal = {The Computer Journal},\n  year = 1984\n}\n',
  );
  await expect(ui.report.getByRole('status', { name: 'Import summary' })).toHaveText(
    '1 item imported, 0 skipped, 0 duplicates',
  );
  await ui.closeReport();
  const row = main.row('Literate Programming');
  await expect(row).toContainText('Knuth1984');
  await expect(row).toContainText('The Computer Journal');
});

test('an empty file says it is empty; a .bib with only @comment/@preamble says it has no entries', async ({
  main,
  page,
}) => {
  const ui = new TransferUi(page);
  await ui.importFiles([
    { name: 'empty.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from('') },
    { name: 'blank.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from('  \n\n\t\n') },
    {
      name: 'macros.bib',
      mimeType: 'text/x-bibtex',
      buffer: Buffer.from('@comment{just notes}\n@preamble{"\\newcommand{\\noop}[1]{}"}\n'),
    },
  ]);
  const files = ui.report.getByRole('table', { name: 'Files' });
  await expect(files.getByRole('row', { name: /empty\.bib/ })).toContainText(
    'empty.bib is empty: there is nothing to import.',
  );
  await expect(files.getByRole('row', { name: /blank\.bib/ })).toContainText(
    'blank.bib is empty: there is nothing to import.',
  );
  await expect(ui.report).not.toContainText('not a format Shelfmark can read');
  await expect(ui.report.getByRole('note')).toHaveText(
    'macros.bib has no entries to import: it holds only 1 @preamble and 1 @comment, kept for BibTeX export.',
  );
  await ui.closeReport();
  await expect(main.rows()).toHaveCount(0);
});
