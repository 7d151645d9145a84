import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { expect, test } from './fixtures';
import { Reader, dropFiles, makeTestPdf } from './pages/reader';

const SENTENCE = 'Photosynthesis converts light into chemical energy.';

test('open a PDF, highlight a sentence, comment on it, reload: both are still there', async ({
  main,
  page,
  app,
}) => {
  const pdf = await makeTestPdf('Leaves and Light', [
    [SENTENCE, 'A second line of text.'],
    ['Page two text.'],
  ]);
  await page
    .getByLabel('Add PDF files as new items')
    .setInputFiles({ name: 'leaves.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(main.row('Leaves and Light')).toHaveCount(1);
  await main.select('Leaves and Light');
  await main.itemPane.getByRole('button', { name: /^Open .*Leaves and Light\.pdf$/ }).click();

  const reader = new Reader(page);
  await expect(reader.root).toBeVisible();
  await expect(reader.text(1, 'Photosynthesis')).toBeVisible();
  await reader.selectText(1, 'Photosynthesis');
  await reader.root.getByRole('button', { name: 'Colour #5fb236' }).click();
  await reader.button('Highlight').click();

  const item = reader.annotations.getByRole('listitem').filter({ hasText: 'Highlight · p. 1' });
  await expect(item).toHaveCount(1);
  await expect(item.locator('blockquote')).toHaveText(SENTENCE);
  const comment = item.getByRole('textbox', { name: 'Comment on highlight on page 1' });
  await comment.fill('Key idea of the paper');
  await comment.blur();
  await expect(reader.pdfPage(1).locator('.mark.highlight')).toHaveCount(1);

  // a sticky note on a point of page 2, with its own comment
  await reader.pdfPage(2).scrollIntoViewIfNeeded();
  await expect(reader.text(2, 'Page two')).toBeVisible();
  await reader.button('Add note').click();
  await reader.pdfPage(2).click({ position: { x: 300, y: 200 } });
  const note = reader.annotations.getByRole('listitem').filter({ hasText: 'Note · p. 2' });
  await note.getByRole('textbox', { name: 'Comment on note on page 2' }).fill('Check this figure');
  await note.getByRole('textbox', { name: 'Comment on note on page 2' }).blur();
  await expect(reader.pdfPage(2).getByRole('button', { name: 'Note on page 2' })).toBeVisible();

  await app.reload();
  const again = new Reader(page);
  await expect(again.root).toBeVisible();
  const saved = again.annotations.getByRole('listitem').filter({ hasText: 'Highlight · p. 1' });
  await expect(saved.locator('blockquote')).toHaveText(SENTENCE);
  await expect(saved.getByRole('textbox', { name: 'Comment on highlight on page 1' })).toHaveValue(
    'Key idea of the paper',
  );
  await again.pdfPage(1).scrollIntoViewIfNeeded();
  await expect(again.pdfPage(1).locator('.mark.highlight')).toHaveCount(1);
  await expect(
    again.annotations.getByRole('textbox', { name: 'Comment on note on page 2' }),
  ).toHaveValue('Check this figure');

  // the item pane lists it and opens the reader at it
  await again.root.getByRole('button', { name: '← Library' }).click();
  await main.select('Leaves and Light');
  const listed = main.itemPane
    .getByRole('list', { name: 'Annotations of this item' })
    .getByRole('button');
  await expect(listed).toHaveText([`p. 1: ${SENTENCE}`, 'p. 2: Check this figure']);
  await listed.first().click();
  await expect(again.root).toBeVisible();
});

test('search a word from page 3 of a PDF and open the reader at page 3', async ({ main, page }) => {
  const pdf = await makeTestPdf('Three Page Report', [
    ['Introduction to the report.'],
    ['Methods are described here.'],
    ['The xylophone result appears only on this page.'],
  ]);
  await page
    .getByLabel('Add PDF files as new items')
    .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(main.row('Three Page Report')).toHaveCount(1);

  await main.search.fill('xylophone');
  const results = page.getByRole('region', { name: 'Found in PDFs' });
  const hit = results.getByRole('button', { name: /Three Page Report — page 3/ });
  await expect(hit).toBeVisible();
  await expect(results.locator('mark')).toHaveText(['xylophone']);
  await hit.click();

  const reader = new Reader(page);
  await expect(reader.pageNumber).toHaveValue('3');
  await expect(reader.text(3, 'xylophone')).toBeInViewport();

  // navigation and find in the reader
  await reader.pageNumber.fill('1');
  await reader.pageNumber.press('Enter');
  await expect(reader.text(1, 'Introduction')).toBeInViewport();
  await reader.root.getByLabel('Find in document').fill('xylophone');
  await reader.root.getByLabel('Find in document').press('Enter');
  await expect(reader.root.getByRole('status')).toHaveText('page 3 (1 of 1 pages)');
  await expect(reader.pageNumber).toHaveValue('3');
  await reader.button('Zoom in').click();
  await expect(reader.root.getByLabel('Zoom', { exact: true })).toHaveText('125%');
});

test('drop PDFs on the library and on an item; a duplicate is refused; extract and export annotations', async ({
  main,
  page,
}) => {
  const one = await makeTestPdf('Dropped Paper One', [['First dropped paper body.']]);
  const two = await makeTestPdf('Dropped Paper Two', [['Second dropped paper body.']]);
  const center = page.getByRole('region', { name: 'My Library' });
  await dropFiles(page, center, [
    { name: 'one.pdf', buffer: one },
    { name: 'two.pdf', buffer: two },
  ]);
  await expect(main.row('Dropped Paper One')).toHaveCount(1);
  await expect(main.row('Dropped Paper Two')).toHaveCount(1);

  // the same file again: a clear message, no new item
  await dropFiles(page, center, [{ name: 'one-again.pdf', buffer: one }]);
  await expect(page.getByRole('alert')).toContainText('already in the library');
  await expect(main.rows()).toHaveCount(2);
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

  // a PDF dropped on an item's pane is attached to that item
  await main.addItem({ title: 'Hand-made item', authors: ['Noether, Emmy'], year: '1918' });
  const extra = await makeTestPdf('Supplement', [['Supplementary material text.']]);
  await dropFiles(page, main.itemPane.getByRole('region', { name: 'Attachments' }), [
    { name: 'supplement.pdf', buffer: extra },
  ]);
  const open = main.itemPane.getByRole('button', {
    name: 'Open Noether - 1918 - Hand-made item.pdf',
  });
  await expect(open).toBeVisible();

  // annotate, then extract to a note and export an annotated copy
  await open.click();
  const reader = new Reader(page);
  await reader.selectText(1, 'Supplementary material');
  await reader.button('Underline').click();
  await expect(reader.annotations.getByRole('listitem')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await reader.button('Export annotated PDF').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Noether - 1918 - Hand-made item (annotated).pdf');
  const exported = await PDFDocument.load(readFileSync((await file.path())!));
  const annots = exported.getPage(0).node.Annots();
  expect(annots?.size()).toBe(1);

  await reader.root.getByRole('button', { name: '← Library' }).click();
  await main.itemPane.getByRole('button', { name: 'Extract annotations to note' }).click();
  await expect(main.itemPane.getByRole('status')).toContainText('extracted to a note');

  // the note quotes the underline and its page link opens the reader there
  await main.itemPane
    .getByRole('button', { name: 'Annotations: Noether - 1918 - Hand-made item' })
    .click();
  const editor = page.getByRole('dialog', { name: 'Note editor' });
  const preview = editor.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('blockquote')).toContainText('Supplementary material');
  await preview.getByRole('link', { name: 'p. 1' }).click();
  await expect(editor).toBeHidden();
  await expect(reader.root).toBeVisible();
  await expect(reader.pageNumber).toHaveValue('1');
  await expect(reader.annotations.getByRole('listitem')).toHaveCount(1);
});

test('the reader draws the opening page first, then every other page and thumbnail; a re-open reuses the pdf.js worker', async ({
  main,
  page,
}) => {
  const pdf = await makeTestPdf('Many Pages', [
    ['Opening page words.'],
    ['Second page words.'],
    ['Third page words.'],
  ]);
  await page
    .getByLabel('Add PDF files as new items')
    .setInputFiles({ name: 'many.pdf', mimeType: 'application/pdf', buffer: pdf });
  await main.select('Many Pages');
  const open = main.itemPane.getByRole('button', { name: /^Open .*Many Pages\.pdf$/ });
  const reader = new Reader(page);
  for (let round = 0; round < 2; round++) {
    await open.click();
    await expect(reader.pdfPage(1)).toHaveAttribute('data-drawn', 'true');
    await expect(reader.text(1, 'Opening page')).toBeVisible();
    // the held pages and thumbnails are released once the first page is on screen
    await expect(reader.pdfPage(2)).toHaveAttribute('data-drawn', 'true');
    await reader.pdfPage(3).scrollIntoViewIfNeeded();
    await expect(reader.text(3, 'Third page')).toBeVisible();
    const thumbs = reader.root.getByRole('navigation', { name: 'Pages' }).locator('canvas');
    await expect(thumbs).toHaveCount(3);
    // a thumbnail's canvas is transparent until pdf.js paints the page (white, then the text)
    await expect
      .poll(() =>
        thumbs.nth(2).evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
          return false;
        }),
      )
      .toBe(true);
    await reader.root.getByRole('button', { name: '← Library' }).click();
    await expect(reader.root).toHaveCount(0);
  }
  // one pdf.js worker served both opens (plus none left over from the first document)
  expect(page.workers()).toHaveLength(1);
});

test('recolour a highlight from the annotation list: drawn, kept after a reload, exported in that colour', async ({
  main,
  page,
  app,
}) => {
  const pdf = await makeTestPdf('Colour Study', [[SENTENCE]]);
  await page
    .getByLabel('Add PDF files as new items')
    .setInputFiles({ name: 'colour.pdf', mimeType: 'application/pdf', buffer: pdf });
  await main.select('Colour Study');
  await main.itemPane.getByRole('button', { name: /^Open .*Colour Study\.pdf$/ }).click();
  const reader = new Reader(page);
  await reader.selectText(1, 'Photosynthesis');
  await reader.button('Highlight').click();
  const mark = reader.pdfPage(1).locator('.mark.highlight');
  await expect(mark).toHaveCSS('background-color', 'rgb(255, 212, 0)');
  const comment = reader.annotations.getByRole('textbox', {
    name: 'Comment on highlight on page 1',
  });
  await comment.fill('Wrong colour, right words');
  await comment.blur();

  // a highlight made in the wrong colour is recoloured, not deleted and made again
  const colours = reader.annotations.getByRole('group', { name: 'Colour of highlight on page 1' });
  await colours.getByRole('button', { name: '#ff6666' }).click();
  await expect(mark).toHaveCSS('background-color', 'rgb(255, 102, 102)');
  await expect(colours.getByRole('button', { name: '#ff6666' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await app.reload();
  const again = new Reader(page);
  await expect(again.pdfPage(1).locator('.mark.highlight')).toHaveCSS(
    'background-color',
    'rgb(255, 102, 102)',
  );
  await expect(comment).toHaveValue('Wrong colour, right words');
  const download = page.waitForEvent('download');
  await again.button('Export annotated PDF').click();
  const exported = await PDFDocument.load(readFileSync((await (await download).path())!));
  const annots = exported.getPage(0).node.Annots()!;
  const highlight = exported.context.lookup(annots.get(0)) as unknown as {
    get(n: PDFName): { asArray(): { asNumber(): number }[] };
  };
  expect(
    highlight
      .get(PDFName.of('C'))
      .asArray()
      .map((n) => n.asNumber()),
  ).toEqual([1, 0.4, 0.4]);
});

test('after the item is corrected, its PDF is renamed from it by the pattern', async ({
  main,
  page,
}) => {
  await main.addItem({ title: 'Draft title', authors: ['Meitner, Lise'], year: '1939' });
  const pdf = await makeTestPdf('Fission', [['Disintegration of uranium by neutrons.']]);
  await dropFiles(page, main.itemPane.getByRole('region', { name: 'Attachments' }), [
    { name: 'scan.pdf', buffer: pdf },
  ]);
  await expect(
    main.itemPane.getByRole('button', { name: 'Open Meitner - 1939 - Draft title.pdf' }),
  ).toBeVisible();

  await main.editField('Title', 'Disintegration of Uranium by Neutrons');
  await main.itemPane
    .getByRole('button', { name: 'Rename Meitner - 1939 - Draft title.pdf from the item' })
    .click();
  await expect(
    main.itemPane.getByRole('button', {
      name: 'Open Meitner - 1939 - Disintegration of Uranium by Neutrons.pdf',
    }),
  ).toBeVisible();
});
