import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

test('coloured tags: assign a digit, toggle it on a selection with the key, dots in the table', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  for (const title of ['Paper one', 'Paper two', 'Paper three'])
    await main.addItem({ title, year: '2020' });
  // Wait for the table to list the last one: its rows are reused slots, so a click on "Paper
  // one" just before "Paper three" arrives at the top lands on the slot that then shows "Paper
  // two". A closed dialog does not mean the table has caught up.
  await expect(main.rows()).toHaveCount(3);
  await main.select('Paper one');
  const tagInput = main.itemPane.getByRole('combobox', { name: 'Add tag' });
  await tagInput.fill('urgent');
  await tagInput.press('Enter');
  await expect(main.itemPane.getByRole('button', { name: 'Remove tag urgent' })).toBeVisible();

  await o.menuAction(o.tag('urgent'), 'Assign colour key…');
  await o.answer('1', 'Assign');
  await expect(o.tag('urgent').getByLabel('key 1')).toBeVisible();
  const dot = (title: string) => main.row(title).locator('.tag-dot[data-tag="urgent"]');
  await expect(dot('Paper one')).toHaveCount(1);

  // select two items, one tagged and one not: pressing 1 tags both
  await o.selectMany('Paper one', 'Paper two');
  await page.keyboard.press('1');
  await expect(dot('Paper two')).toHaveCount(1);
  await expect(dot('Paper one')).toHaveCount(1);
  await expect(main.page.locator('.status')).toContainText('Added tag “urgent” to 2 items');
  await o.shot('colour-tags');
  // both have it now: pressing 1 again removes it from both
  await page.keyboard.press('1');
  await expect(dot('Paper one')).toHaveCount(0);
  await expect(dot('Paper two')).toHaveCount(0);
  await expect(dot('Paper three')).toHaveCount(0);
  // a digit with no tag says so
  await page.keyboard.press('7');
  await expect(page.getByRole('alert')).toContainText('No tag is assigned to key 7');
});

test('hierarchical tags: a parent filter includes children, several tags are ANDed; rename, merge and delete with undo', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  // "ml" includes ml/nlp, ml/vision, ml/retrieval and ml itself
  await o.tag('ml').click();
  await expect(page.getByRole('status', { name: 'Tag filter' })).toContainText('ml');
  await expect(main.rows()).toHaveCount(8);
  await expect(main.row('Deep Residual Learning')).toHaveCount(1);
  // the parent's count is the distinct items under it: exactly the rows its filter shows
  await expect(o.tag('ml').locator('.count')).toHaveText('8');
  // AND with a second tag
  await o.tag('classic').click();
  await expect(main.rows()).toHaveCount(2);
  await expect(main.row('Long Short-Term Memory')).toHaveCount(1);
  await expect(main.row('ImageNet Classification')).toHaveCount(1);
  await o.shot('tag-filter');
  await page.getByRole('button', { name: 'Remove filter classic' }).click();
  await o.tag('ml/retrieval').click();
  await page.getByRole('button', { name: 'Remove filter ml', exact: true }).click();
  await expect(main.rows()).toHaveCount(2);

  // rename a parent: children follow
  await o.menuAction(o.tag('ml/retrieval'), 'Rename…');
  await o.answer('ml/search', 'Rename');
  await expect(o.tag('ml/search')).toBeVisible();
  await expect(main.rows()).toHaveCount(2);

  // merge "ir" into "ml/search"
  await o.menuAction(o.tag('ir'), 'Merge into…');
  await o.answer('ml/search', 'Merge');
  await expect(o.tag('ir')).toHaveCount(0);
  await expect(o.tag('ml/search')).toContainText('4');

  // delete asks first, and can be undone
  await o.menuAction(o.tag('ml/search'), 'Delete tag…');
  await o.answer('', 'Delete');
  await expect(o.tag('ml/search')).toHaveCount(0);
  await expect(o.toast).toContainText('Delete tag "ml/search"');
  await o.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(o.tag('ml/search')).toContainText('4');
});

test('tag chips in the item pane and the filter bar are wide enough to read their names', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await main.select('Long Short-Term Memory');
  // a chip whose text spills out of its box overlaps its neighbours and cannot be read
  const overflowing = (chips: ReturnType<typeof page.locator>) =>
    chips.evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
  const paneChips = main.itemPane.getByRole('region', { name: 'Tags' }).getByRole('listitem');
  await expect(paneChips).not.toHaveCount(0);
  expect(await overflowing(paneChips)).toEqual([]);

  await o.tag('ml').click();
  await o.tag('classic').click();
  const filterChips = page.getByRole('status', { name: 'Tag filter' }).getByRole('button');
  await expect(filterChips).toHaveCount(2);
  expect(await overflowing(filterChips)).toEqual([]);
});

test('a colour key used by another tag is moved only after saying so', async ({ page }) => {
  const o = new Organiser(page);
  await o.openSample();
  await expect(o.tag('important').getByLabel('key 2')).toBeVisible();
  const ask = page.getByRole('dialog').filter({ has: page.locator('#ask-title') });
  // the question follows the key prompt in the same dialog, so o.answer() cannot wait for it to close
  const askKey = async (key: string) => {
    await o.menuAction(o.tag('classic'), /^(Assign colour key|Colour key)/);
    await ask.getByRole('textbox').fill(key);
    await ask.getByRole('button', { name: 'Assign' }).click();
  };

  // asked, and cancelled: nothing moves
  await askKey('2');
  await expect(ask).toContainText('Key 2 is already used by “important”');
  await expect(ask).toContainText('Move it to “classic”?');
  await o.answer(null);
  await expect(o.tag('important').getByLabel('key 2')).toBeVisible();
  await expect(o.tag('classic').getByLabel('key 2')).toHaveCount(0);

  // asked, and confirmed: the key moves and the other tag keeps its colour, without a key
  await askKey('2');
  await o.answer('', 'Move key 2');
  await expect(o.tag('classic').getByLabel('key 2')).toBeVisible();
  await expect(o.tag('important').getByLabel('key 2')).toHaveCount(0);

  // re-assigning a tag its own key asks nothing
  await askKey('2');
  await expect(ask).toBeHidden();
  await expect(o.tag('classic').getByLabel('key 2')).toBeVisible();
});
