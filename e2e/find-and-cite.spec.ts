import { join } from 'node:path';
import { expect, test } from './fixtures';
import { FindAndCite } from './pages/find-and-cite';
import { Organiser } from './pages/organise';

test('quick search ranks results with snippets, shows query errors, and saves a live smart collection', async ({
  main,
  page,
}) => {
  const find = new FindAndCite(page, main);
  await main.addItem({
    title: 'Dense passage retrieval for open-domain QA',
    authors: ['Karpukhin, Vladimir'],
    year: '2020',
    abstract: 'We show that retrieval can be practically implemented using dense representations.',
  });
  await main.addItem({
    title: 'Sparse lexical models',
    authors: ['Müller, Jürgen'],
    year: '2019',
    abstract: 'Classic term weighting still matters for passage retrieval at scale.',
  });
  await main.addItem({ title: 'A history of libraries', authors: ['Smith, Jane'], year: '2001' });

  // Ranked as you type: the title hit first, the abstract-only hit second, with snippets.
  await find.search('retriev');
  await expect(main.rows()).toHaveCount(2);
  await expect(main.rows().nth(0)).toContainText('Dense passage retrieval');
  await expect(main.rows().nth(1)).toContainText('Sparse lexical models');
  const snippet = find.snippet(main.rows().nth(1));
  await expect(snippet).toContainText('abstract');
  await expect(snippet.locator('mark')).toHaveText('retrieval');

  // Diacritics folded and fields: muller finds Müller.
  await find.search('author:muller');
  await expect(main.rows()).toHaveCount(1);
  await expect(main.rows().nth(0)).toContainText('Sparse lexical models');

  // A query that does not parse says where.
  await find.search('retrieval year:20x');
  await expect(find.queryError).toContainText('Character 11');
  await expect(find.queryError).toContainText('year: takes a year');
  await expect(page.getByRole('button', { name: 'Save search' })).toBeDisabled();

  // Save a query as a smart collection; it lists what matches now.
  await find.search('retrieval year:2019..2021');
  await expect(find.queryError).toBeHidden();
  await expect(main.rows()).toHaveCount(2);
  await find.saveSearchAs('Retrieval papers');
  await expect(page.getByRole('grid', { name: 'Items in Retrieval papers' })).toBeVisible();
  await expect(find.smartCollection('Retrieval papers')).toContainText('2');
  await expect(main.rows()).toHaveCount(2);

  // Add a matching item: it appears in the smart collection without any refresh.
  await main.addItem({ title: 'Retrieval-augmented generation', year: '2021' });
  await expect(main.row('Retrieval-augmented generation')).toHaveCount(1);
  await expect(find.smartCollection('Retrieval papers')).toContainText('3');
  // and one that does not match stays out
  await main.addItem({ title: 'Retrieval in 1999', year: '1999' });
  await expect(find.smartCollection('Retrieval papers')).toContainText('3');
  await expect(main.row('Retrieval in 1999')).toHaveCount(0);
});

test('copy an APA bibliography of the selected item, and see related items', async ({
  main,
  page,
  context,
  app,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(app.url).origin,
  });
  const find = new FindAndCite(page, main);
  await main.addItem({
    title: 'Attention is all you need',
    authors: ['Vaswani, Ashish', 'Shazeer, Noam'],
    year: '2017',
    venue: 'Advances in Neural Information Processing Systems',
    doi: '10.48550/arXiv.1706.03762',
    abstract:
      'Transformer networks based solely on attention mechanisms for sequence transduction.',
  });
  await main.addItem({
    title: 'Transformer attention for machine translation',
    year: '2018',
    abstract: 'Attention mechanisms and transformer networks for translation.',
  });
  await main.addItem({ title: 'Coral reef ecology', year: '2015' });

  await main.select('Attention is all you need');
  const text = await find.copyBibliography();
  expect(text).toBe(
    'Vaswani, A., & Shazeer, N. (2017). Attention is all you need. Advances in Neural Information Processing Systems. https://doi.org/10.48550/arXiv.1706.03762',
  );

  await main.itemPane.getByRole('button', { name: 'Copy \\cite' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe('\\cite{vaswani2017attention}');

  const related = main.itemPane.getByRole('list', { name: 'Related items' });
  await expect(related.getByRole('listitem')).toHaveCount(1);
  await expect(related).toContainText('Transformer attention for machine translation');
  await related.getByRole('button', { name: /Transformer attention/ }).click();
  await expect(main.field('Title')).toHaveValue('Transformer attention for machine translation');
});

test('smart collections and auto-exports are named in the app’s own dialog: the desktop app has no window.prompt', async ({
  main,
  page,
  app,
}) => {
  // Electron's window.prompt throws; make the browser's do the same
  await page.addInitScript(() => {
    window.prompt = () => {
      throw new Error('prompt() is and will not be supported.');
    };
  });
  await app.reload();
  const o = new Organiser(page);
  const find = new FindAndCite(page, main);
  await main.addItem({ title: 'Dense passage retrieval', year: '2020' });

  await find.search('retrieval');
  await page.getByRole('button', { name: 'Save search' }).click();
  await o.answer('Retrieval', 'Save');
  await expect(find.smartCollection('Retrieval')).toContainText('1');

  await find.smartCollection('Retrieval').dblclick();
  await o.answer('Dense retrieval', 'Rename');
  await expect(find.smartCollection('Dense retrieval')).toBeVisible();

  await page.getByRole('button', { name: 'New auto-export' }).click();
  await o.answer(join(app.libraryDir, 'refs.bib'), 'Keep exported');
  await expect(page.getByRole('list', { name: 'Auto-exports' })).toContainText('refs.bib');
});

test('ArrowDown in the quick search moves to the results: the first row, or the selected one', async ({
  main,
  page,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  const selected = main.table.locator('[role="row"][aria-selected="true"]');

  // nothing selected: ArrowDown lands on the first result, and arrows go on from there
  await main.search.fill('tag:classic');
  await expect(main.rows()).toHaveCount(6);
  await main.search.press('ArrowDown');
  await expect(main.table).toBeFocused();
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('aria-rowindex', '2');
  const first = (await main.rows().nth(0).textContent())!;
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('aria-rowindex', '3');
  expect(await selected.textContent()).not.toBe(first);

  // a selected result stays selected, and the arrows move on from it
  await main.rows().nth(3).click();
  await expect(selected).toHaveAttribute('aria-rowindex', '5');
  await main.search.click();
  await main.search.press('ArrowDown');
  await expect(main.table).toBeFocused();
  await expect(selected).toHaveAttribute('aria-rowindex', '5');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('aria-rowindex', '6');

  // a new search the selection is not in starts again from the first row
  await main.search.fill('literate');
  await expect(main.rows()).toHaveCount(1);
  await main.search.press('ArrowDown');
  await expect(main.table).toBeFocused();
  await expect(selected).toHaveAttribute('aria-rowindex', '2');
  await expect(main.field('Title')).toHaveValue('Literate Programming');
});
