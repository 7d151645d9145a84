import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../electron/library/testing/fixtures';
import { expect, test } from './fixtures';
import { MainScreen } from './pages/main-screen';
import { Organiser } from './pages/organise';
import { fixtureText, TransferUi } from './pages/transfer';

test('an empty library shows the ways in and opens the bundled sample library', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await expect(main.page.getByRole('region', { name: 'Get started' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import a file…' })).toBeVisible();
  await o.shot('first-run');
  await o.openSample();
  await expect(main.view('My Library')).toContainText('14');
  await expect(o.collection('Thesis')).toContainText('0');
  await expect(o.collection('Retrieval')).toContainText('3');
  await expect(o.tag('ml/retrieval')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);
  await main.select('The Probabilistic Relevance Framework: BM25 and Beyond');
  await expect(main.itemPane.getByRole('button', { name: 'Star' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(main.itemPane.getByRole('radio', { name: '5 stars' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await o.shot('library');
});

test('the first-run screen opens File → Import… and Paste listing… from its own buttons', async ({
  page,
  main,
}) => {
  const transfer = new TransferUi(page);
  const start = page.getByRole('region', { name: 'Get started' });
  const chooser = page.waitForEvent('filechooser');
  await start.getByRole('button', { name: 'Import a file…' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'one.bib',
    mimeType: 'text/plain',
    buffer: Buffer.from('@article{knuth84, title = {Literate Programming}, year = {1984}}\n'),
  });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(transfer.report).toContainText('1');
  await transfer.closeReport();
  await expect(main.row('Literate Programming')).toHaveCount(1);
  await expect(start).toHaveCount(0);
});

test('the first-run paste button imports a pasted listing', async ({ page, main }) => {
  const start = page.getByRole('region', { name: 'Get started' });
  await start.getByRole('button', { name: 'Paste a listing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste listing' });
  await dialog.getByLabel('Listing text').fill(fixtureText('hf-papers-listing.txt'));
  await dialog.getByRole('button', { name: 'Import papers' }).click();
  await expect(dialog).toBeHidden();
  await new TransferUi(page).closeReport();
  await expect(main.rows().first()).toBeVisible();
  await expect(start).toHaveCount(0);
});

test('New item opens with Alt+N and with N in the table, which a browser lets through', async ({
  page,
  main,
}) => {
  const button = page.getByRole('button', { name: 'New item' });
  await expect(button).toHaveAttribute('title', /Alt\+N/);
  const dialog = page.getByRole('dialog', { name: 'New item' });
  await page.keyboard.press('Alt+n');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Title').fill('Made with Alt+N');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog).toBeHidden();
  await main.row('Made with Alt+N').click();
  await page.keyboard.press('n');
  await expect(dialog).toBeVisible();
  // typing an "n" into a field is text, not the shortcut
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await main.search.fill('n');
  await expect(dialog).toBeHidden();
});

test('PDFs come in from the first-run button and by dropping them on the list', async ({
  page,
  main,
  app,
}) => {
  const pdf = (name: string) => readFileSync(fixturePath(`${name}.pdf`));
  const chooser = page.waitForEvent('filechooser');
  await page
    .getByRole('region', { name: 'Get started' })
    .getByRole('button', { name: 'Add PDFs…' })
    .click();
  await (
    await chooser
  ).setFiles({ name: 'revtex.pdf', mimeType: 'application/pdf', buffer: pdf('revtex-apssamp') });
  await expect(main.rows()).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);

  // a second PDF dropped onto the list also becomes an item, not a failed reference import
  await page.getByRole('region', { name: 'My Library' }).evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'acmart.pdf', { type: 'application/pdf' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, pdf('acmart-sample-sigconf').toString('base64'));
  await expect(main.rows()).toHaveCount(2);
  await expect(page.getByRole('dialog', { name: 'Import' })).toHaveCount(0);
  // both PDFs are stored below the library's files/ folder
  const stored = readdirSync(join(app.libraryDir, 'files'), { recursive: true }).filter((f) =>
    String(f).endsWith('.pdf'),
  );
  expect(stored).toHaveLength(2);
});

test('a first visit and opening the sample library log no errors to the console', async ({
  browser,
  app,
}) => {
  // a new browser context: nothing cached, as on a user's first visit
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  const main = new MainScreen(page);
  await page.getByRole('button', { name: 'Open sample library' }).click();
  await main.select('Literate Programming');
  await context.close();
  expect(errors).toEqual([]);
});
