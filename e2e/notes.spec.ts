import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

const PAYLOAD = [
  '# Reading notes',
  '',
  'The **key idea** is attention.',
  '',
  '<script>window.__pwned = "script"; alert("script")</script>',
  '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">',
  '',
  "[click me](javascript:window.__pwned='link')",
].join('\n');

test('Markdown notes: edit with preview; script and onerror payloads never run; notes are searchable', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await main.addItem({ title: 'Attention Is All You Need', year: '2017' });
  await main.itemPane.getByRole('button', { name: 'Add note' }).click();
  const editor = page.getByRole('dialog', { name: 'Note editor' });
  await expect(editor).toBeVisible();
  await editor.getByRole('textbox', { name: 'Note (Markdown)' }).fill(PAYLOAD);
  const preview = editor.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Reading notes' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('key idea');
  await expect(preview.locator('script')).toHaveCount(0);
  await expect(preview.locator('img')).toHaveCount(1);
  await expect(preview.locator('img')).not.toHaveAttribute('onerror', /./);
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
  await o.shot('note-editor');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(editor).toBeHidden();

  // the note is listed in the item pane by its first heading, and reopens with its source
  const noteLink = main.itemPane.getByRole('button', { name: 'Reading notes' });
  await expect(noteLink).toBeVisible();
  await noteLink.click();
  await expect(editor.getByRole('textbox', { name: 'Note (Markdown)' })).toHaveValue(PAYLOAD);
  await editor.getByRole('textbox', { name: 'Note (Markdown)' }).press('End');
  await editor
    .getByRole('textbox', { name: 'Note (Markdown)' })
    .pressSequentially('\n\nSee also BM25.');
  await editor.getByRole('button', { name: 'Done' }).click();

  // standalone notes render the bodies in the Notes view, sanitised too; search finds item notes
  await main.view('Notes').click();
  await page.getByRole('button', { name: 'New note' }).click();
  await editor
    .getByRole('textbox', { name: 'Note (Markdown)' })
    .fill('# Plan\n\n<img src=y onerror="window.__pwned=1">');
  await editor.getByRole('button', { name: 'Done' }).click();
  const notes = page.getByRole('region', { name: 'Standalone notes' });
  await expect(notes.getByRole('button', { name: 'Plan' })).toBeVisible();
  await expect(notes.locator('img')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('bm25');
  await expect(
    page
      .getByRole('region', { name: 'Standalone notes' })
      .getByRole('button', { name: 'Reading notes' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Standalone notes' }).getByRole('button', { name: 'Plan' }),
  ).toHaveCount(0);

  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('saving a note with Save or Ctrl+S says it is saved, until the next edit', async ({
  page,
  main,
}) => {
  await main.addItem({ title: 'A paper to annotate', year: '2020' });
  await main.itemPane.getByRole('button', { name: 'Add note' }).click();
  const editor = page.getByRole('dialog', { name: 'Note editor' });
  const body = editor.getByRole('textbox', { name: 'Note (Markdown)' });
  const save = editor.getByRole('button', { name: 'Save', exact: true });
  await body.fill('# Draft\n\nFirst thought.');
  await expect(editor.getByText('Unsaved changes')).toBeVisible();
  await body.press('ControlOrMeta+s');
  await expect(editor.getByText('Saved', { exact: true })).toBeVisible();
  await expect(save).toBeDisabled();

  await body.press('End');
  await body.pressSequentially(' Second thought.');
  await expect(editor.getByText('Unsaved changes')).toBeVisible();
  await save.click();
  await expect(editor.getByText('Saved', { exact: true })).toBeVisible();
  await expect(save).toBeDisabled();

  // what was saved is what reopens
  await editor.getByRole('button', { name: 'Done' }).click();
  await main.itemPane.getByRole('button', { name: 'Draft' }).click();
  await expect(body).toHaveValue('# Draft\n\nFirst thought. Second thought.');
});

test('note titles in the item pane read as plain text, without loading the Markdown renderer', async ({
  page,
  main,
}) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/markdown[-.]/.test(r.url())) chunks.push(r.url());
  });
  const o = new Organiser(page);
  await o.openSample();
  await main.select('Literate Programming');
  const notes = main.itemPane.getByRole('region', { name: 'Notes' });
  await expect(notes.getByRole('button', { name: /^Good framing/ })).toHaveText(
    'Good framing for the why of mixing prose and code; cite in the methods chapter.',
  );
  await main.select('Dense Passage Retrieval for Open-Domain Question Answering');
  await expect(notes.getByRole('button', { name: /^Setup/ })).toHaveText(
    'Setup to compare against',
  );
  expect(chunks).toEqual([]);
  // the editor still opens the note as written
  await notes.getByRole('button', { name: /^Setup/ }).click();
  const editor = page.getByRole('dialog', { name: 'Note editor' });
  await expect(editor.getByRole('textbox', { name: 'Note (Markdown)' })).toHaveValue(
    /^## Setup to compare against/,
  );
});

test('a new note opens with the cursor in its Markdown body: typing keeps its lines', async ({
  page,
  main,
}) => {
  await main.view('Notes').click();
  await page.getByRole('button', { name: 'New note' }).click();
  const editor = page.getByRole('dialog', { name: 'Note editor' });
  const body = editor.getByRole('textbox', { name: 'Note (Markdown)' });
  // focus was in the title field, whose one line swallowed the Markdown's line breaks
  await expect(body).toBeFocused();
  await page.keyboard.type('# Idea\n\nSome **bold** text');
  await expect(editor.getByRole('region', { name: 'Preview' }).locator('h1')).toHaveText('Idea');
  await editor.getByRole('button', { name: 'Done' }).click();
  const notes = page.getByRole('region', { name: 'Standalone notes' });
  await expect(notes.getByRole('button', { name: 'Idea' })).toBeVisible();
});
