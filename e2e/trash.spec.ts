import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

test('trash: delete a selection with the key, undo from the toast and with Ctrl+Z, restore, empty asks first', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  // shift-click selects a range, Ctrl/Cmd+A everything in the view
  await main.rows().nth(0).click();
  await main
    .rows()
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(page.locator('.status')).toContainText('3 selected');
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.locator('.status')).toContainText('14 selected');
  await expect(main.itemPane.getByRole('heading', { name: '14 items selected' })).toBeVisible();
  await o.selectMany('Literate Programming', 'Long Short-Term Memory');
  await page.keyboard.press('Delete');
  await expect(main.rows()).toHaveCount(12);
  await expect(main.view('Trash')).toContainText('2');
  await expect(o.toast).toContainText('Move 2 items to the trash');
  await o.shot('undo-toast');
  await o.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(main.rows()).toHaveCount(14);
  await expect(main.view('Trash')).toContainText('0');

  // again, undone with the keyboard this time
  await o.selectMany('Literate Programming');
  await page.keyboard.press('Delete');
  await expect(main.rows()).toHaveCount(13);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(main.rows()).toHaveCount(14);

  // trash two, restore one from the Trash view
  await o.selectMany('Literate Programming', 'Computing Machinery and Intelligence');
  await o.menuAction(main.row('Literate Programming'), 'Move 2 items to Trash');
  await main.openView('Trash');
  await expect(main.rows()).toHaveCount(2);
  await o.shot('trash');
  await o.menuAction(main.row('Literate Programming'), 'Restore item');
  await expect(main.rows()).toHaveCount(1);

  // emptying the trash asks first: cancel keeps it, confirm empties it
  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  await o.answer(null);
  await expect(main.rows()).toHaveCount(1);
  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  await o.answer('', 'Empty Trash');
  await expect(main.rows()).toHaveCount(0);
  await main.openView('My Library');
  await expect(main.rows()).toHaveCount(13);
  await expect(main.row('Literate Programming')).toHaveCount(1);
});

test('reading state, star and rating: columns, Starred and Unread views, S key, column chooser remembered', async ({
  page,
  main,
  app,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await main.openView('Starred');
  await expect(main.rows()).toHaveCount(3);
  await main.openView('Unread');
  await expect(main.rows()).toHaveCount(6);
  await main.select('Computing Machinery and Intelligence');
  await main.itemPane.getByLabel('Read state').selectOption('read');
  await expect(main.rows()).toHaveCount(5);

  await main.openView('My Library');
  await o.selectMany('Literate Programming');
  await page.keyboard.press('s');
  await expect(main.row('Literate Programming').getByLabel('starred')).toBeVisible();
  await main.itemPane.getByRole('radio', { name: '4 stars' }).click();

  // add the Rating and Read state columns; the choice survives a reload
  await page.getByRole('button', { name: 'Choose columns' }).click();
  await o.menu.getByRole('menuitemcheckbox', { name: 'Rating' }).click();
  await page.getByRole('button', { name: 'Choose columns' }).click();
  await o.menu.getByRole('menuitemcheckbox', { name: 'Read state' }).click();
  await expect(main.columnHeader('Rating')).toBeVisible();
  await expect(main.row('Literate Programming').getByLabel('rating 4')).toBeVisible();
  await main.sortBy('Rating');
  await main.sortBy('Rating');
  await expect(main.columnHeader('Rating')).toHaveAttribute('aria-sort', 'descending');
  // drag the Year header before Title, and widen Title by its edge
  await o.dragByPointer(main.columnHeader('Year'), main.columnHeader('Title'));
  const headers = main.table.getByRole('columnheader');
  await expect(headers.nth(1)).toHaveAccessibleName(/^Year/);
  const title = main.columnHeader('Title');
  const before = (await title.boundingBox())!.width;
  const edge = (await page.getByRole('separator', { name: 'Resize Title' }).boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 80, edge.y + edge.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await title.boundingBox())!.width).toBeGreaterThan(before + 60);
  await o.shot('columns');
  // the layout is stored once the pointer rests; wait until the library has it
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const res = await fetch('api/settings.getUi', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ key: 'table.columns' }),
        });
        const r = (await res.json()) as { value: { widths?: { title?: number } } | null };
        return r.value?.widths?.title ?? 0;
      }),
    )
    .toBeGreaterThan(before + 60);
  await app.reload();
  await expect(main.columnHeader('Rating')).toBeVisible();
  await expect(main.columnHeader('Read state')).toBeVisible();
  await expect(headers.nth(1)).toHaveAccessibleName(/^Year/);
  expect((await main.columnHeader('Title').boundingBox())!.width).toBeGreaterThan(before + 60);
});

test('an item in the Trash is read-only in the item pane until it is restored', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await o.selectMany('Literate Programming');
  await page.keyboard.press('Delete');
  await main.openView('Trash');
  await main.select('Literate Programming');

  const banner = main.itemPane.getByRole('status');
  await expect(banner).toContainText('in the Trash');
  await expect(main.field('Title')).not.toBeEditable();
  await expect(main.field('Date')).not.toBeEditable();
  await expect(main.field('Item type')).toBeDisabled();
  // typing into the field changes nothing, and leaving it saves nothing
  await main.field('Title').click();
  await page.keyboard.type(' (edited)');
  await main.field('Title').blur();
  await expect(main.field('Title')).toHaveValue('Literate Programming');
  await expect(main.row('Literate Programming')).toHaveCount(1);
  const tags = main.itemPane.getByRole('region', { name: 'Tags' });
  await expect(tags).toContainText('classic');
  await expect(tags.getByRole('button', { name: /^Remove tag/ })).toHaveCount(0);
  await expect(tags.getByLabel('Add tag')).toHaveCount(0);
  await expect(main.itemPane.getByRole('button', { name: 'Add note' })).toHaveCount(0);

  // Restore brings it back, editable again
  await banner.getByRole('button', { name: 'Restore to Library' }).click();
  await expect(main.rows()).toHaveCount(0);
  await main.openView('My Library');
  await main.select('Literate Programming');
  await expect(main.itemPane.getByRole('status')).toHaveCount(0);
  await expect(main.field('Title')).toBeEditable();
  await expect(
    main.itemPane.getByRole('region', { name: 'Tags' }).getByLabel('Add tag'),
  ).toBeVisible();
});

test('a note of an item in the Trash opens read-only, from the item pane and from note search', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await o.selectMany('Literate Programming');
  await page.keyboard.press('Delete');
  await main.openView('Trash');
  await main.select('Literate Programming');

  const editor = page.getByRole('dialog', { name: 'Note editor' });
  const expectReadOnly = async () => {
    await expect(editor.getByRole('status')).toContainText('in the Trash');
    await expect(editor.getByRole('region', { name: 'Preview' })).toContainText('Good framing');
    await expect(editor.getByRole('textbox')).toHaveCount(0);
    await expect(editor.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
    await expect(editor.getByRole('button', { name: 'Delete note' })).toHaveCount(0);
    await editor.getByRole('button', { name: 'Close' }).click();
    await expect(editor).toBeHidden();
  };
  await main.itemPane
    .getByRole('region', { name: 'Notes' })
    .getByRole('button', { name: /^Good framing/ })
    .click();
  await expectReadOnly();

  // the Notes view finds item notes too; it does not know the item is trashed, the editor does
  await main.view('Notes').click();
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('framing');
  await page
    .getByRole('region', { name: 'Standalone notes' })
    .getByRole('button', { name: /^Good framing/ })
    .click();
  await expectReadOnly();

  // restored, the same note is editable again
  await main.openView('Trash');
  await o.menuAction(main.row('Literate Programming'), 'Restore item');
  await main.openView('My Library');
  await main.select('Literate Programming');
  await main.itemPane.getByRole('button', { name: /^Good framing/ }).click();
  await expect(editor.getByRole('textbox', { name: 'Note (Markdown)' })).toBeEditable();
  await expect(editor.getByRole('status')).toHaveCount(0);
});
