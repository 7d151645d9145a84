import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

test('collection tree: create, nest, rename, move by drag and drop, refuse a cycle, delete keeping items', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await page.getByRole('button', { name: 'New collection' }).click();
  await o.answer('Thesis', 'Create');
  await page.getByRole('button', { name: 'New collection' }).click();
  await o.answer('Chapters', 'Create');
  await o.menuAction(o.collection('Thesis'), 'New sub-collection…');
  await o.answer('Background', 'Create');
  await expect(
    o.collections
      .getByRole('treeitem', { name: 'Thesis' })
      .getByRole('treeitem', { name: 'Background' }),
  ).toBeVisible();

  // drag "Chapters" onto "Thesis": it becomes a sub-collection
  await o.collection('Chapters').dragTo(o.collection('Thesis'));
  await expect(
    o.collections
      .getByRole('treeitem', { name: 'Thesis' })
      .getByRole('treeitem', { name: 'Chapters' }),
  ).toBeVisible();

  // dragging a parent into its own child is refused with a clear message
  await o.collection('Thesis').dragTo(o.collection('Chapters'));
  await expect(page.getByRole('alert')).toContainText('Cannot move "Thesis" into itself');
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

  await o.menuAction(o.collection('Chapters'), 'Rename…');
  await o.answer('Chapter drafts', 'Rename');
  await expect(o.collection('Chapter drafts')).toBeVisible();
  await o.shot('collections');

  // delete asks first; items stay
  await main.addItem({ title: 'Kept paper', year: '2020' });
  await o.row('Kept paper').dragTo(o.collection('Background'));
  await expect(o.collection('Background')).toContainText('1');
  await o.menuAction(o.collection('Thesis'), 'Delete collection…');
  await o.answer('', 'Delete collection');
  await expect(o.collections).toHaveCount(0);
  await expect(main.row('Kept paper')).toHaveCount(1);
  // and the delete can be undone from the toast
  await expect(o.toast).toContainText('Delete collection "Thesis"');
  await o.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(o.collection('Background')).toContainText('1');
  await expect(o.collection('Chapter drafts')).toBeVisible();

  // without a mouse: the menu key opens the collection menu, "Move to…" lists valid targets
  await o.collection('Chapter drafts').focus();
  await page.keyboard.press('Shift+F10');
  await o.menu.getByRole('menuitem', { name: 'Move to…' }).press('Enter');
  await expect(o.menu.getByRole('menuitem', { name: 'Chapter drafts' })).toHaveCount(0);
  await o.menu.getByRole('menuitem', { name: 'Top level' }).click();
  await expect(
    o.collections
      .getByRole('treeitem', { name: 'Thesis' })
      .getByRole('treeitem', { name: 'Chapter drafts' }),
  ).toHaveCount(0);
  await expect(o.collection('Chapter drafts')).toBeVisible();
});

test('drag items from the table onto a collection; remove from it; unfiled and counts follow', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await expect(main.view('Unfiled')).toContainText('3');
  await o.selectMany('Literate Programming', 'Adam: A Method for Stochastic Optimization');
  await o.row('Literate Programming').dragTo(o.collection('Reading group'));
  await expect(o.collection('Reading group')).toContainText('4');
  await expect(main.view('Unfiled')).toContainText('1');

  await o.collection('Reading group').click();
  await expect(page.getByRole('grid', { name: 'Items in Reading group' })).toBeVisible();
  await expect(main.rows()).toHaveCount(4);
  await o.menuAction(main.row('Literate Programming'), 'Remove from collection');
  await expect(main.rows()).toHaveCount(3);
  await expect(o.collection('Reading group')).toContainText('3');
  // the item itself is still in the library
  await main.openView('Unfiled');
  await expect(main.row('Literate Programming')).toHaveCount(1);
  // Ctrl+Z undoes the removal
  await main.table.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(o.collection('Reading group')).toContainText('4');
  await expect(main.row('Literate Programming')).toHaveCount(0);
});

test('the button that confirms a deletion is readable: light text on the danger colour', async ({
  page,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await o.menuAction(o.collection('Classics'), 'Delete collection…');
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Delete collection' });
  // it was red text on the blue of a primary button, about 1.5:1
  const ratio = await confirm.evaluate((el) => {
    const rgb = (c: string) =>
      c
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = getComputedStyle(el);
    const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(4.5);
  await o.answer(null);
  await expect(o.collection('Classics')).toBeVisible();
});

test('a related paper is shown selected in the table: in the collection when there, else in the Library', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await o.collection('Classics').click();
  await expect(page.getByRole('grid', { name: 'Items in Classics' })).toBeVisible();
  await main.select('ImageNet Classification with Deep Convolutional Neural Networks');
  const related = main.itemPane.getByRole('list', { name: 'Related items' });
  const selectedRows = main.table.locator('[role="row"][aria-selected="true"]');

  // in Classics too: it is selected there
  await related.getByRole('button', { name: /^Computing Machinery and Intelligence/ }).click();
  await expect(main.field('Title')).toHaveValue('Computing Machinery and Intelligence');
  await expect(page.getByRole('grid', { name: 'Items in Classics' })).toBeVisible();
  await expect(selectedRows).toHaveCount(1);
  await expect(selectedRows).toContainText('Computing Machinery and Intelligence');

  // not in Classics: it was shown in the pane with no row selected (Delete trashed it unseen)
  await related.getByRole('button', { name: /^Literate Programming/ }).click();
  await expect(main.field('Title')).toHaveValue('Literate Programming');
  await expect(page.getByRole('grid', { name: 'Items in My Library' })).toBeVisible();
  await expect(selectedRows).toHaveCount(1);
  await expect(selectedRows).toContainText('Literate Programming');
});

test('the collection tree is walked with the arrow keys, as a tree is; Delete asks to delete', async ({
  page,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  const background = o.collections.getByRole('treeitem', { name: 'Background', exact: true });
  await o.collection('Classics').focus();
  await page.keyboard.press('ArrowDown');
  await expect(o.collection('Reading group')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(o.collection('Thesis')).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // collapses
  await expect(background).toHaveCount(0);
  await page.keyboard.press('ArrowDown'); // nothing below a collapsed last collection
  await expect(o.collection('Thesis')).toBeFocused();
  await page.keyboard.press('ArrowRight'); // expands
  await expect(background).toBeVisible();
  await page.keyboard.press('ArrowRight'); // to the first child
  await expect(o.collection('Background')).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // to the parent
  await expect(o.collection('Thesis')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: 'Items in Background' })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(o.collection('Reading group')).toBeFocused();
  // Delete on a collection asks, as its menu does
  await page.keyboard.press('Delete');
  await o.answer('', 'Delete collection');
  await expect(o.collection('Reading group')).toHaveCount(0);
});
