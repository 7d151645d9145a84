import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

test('duplicates: preview a group, pick the master and field values, merge keeping tags and notes, undo', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await main.view('Duplicates').click();
  const view = page.getByRole('region', { name: 'Duplicates' });
  const group = view.getByRole('group', { name: /^Duplicate group: / });
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('same arXiv id');
  await expect(group).toContainText('vaswani2017attentionarxiv');
  // keep the NeurIPS record, but take the preprint's title spelling
  await group.getByRole('radio', { name: 'Keep vaswani2017attention as master' }).check();
  await group
    .getByRole('radiogroup', { name: 'Value of title' })
    .getByRole('radio', { name: 'Attention is All you Need', exact: true })
    .check();
  await o.shot('duplicates');
  await view.getByRole('button', { name: /^Merge all 1 group/ }).click();
  await o.answer('', 'Merge all');
  await expect(view.getByText('No duplicates found.')).toBeVisible();

  await main.openView('My Library');
  await expect(main.rows()).toHaveCount(13);
  await main.select('Attention is All you Need');
  await expect(main.field('Citation key')).toHaveValue('vaswani2017attention');
  // tags and notes of both records survive on the master
  await expect(main.itemPane.getByRole('button', { name: 'Remove tag to-read' })).toBeVisible();
  await expect(main.itemPane.getByRole('button', { name: 'Remove tag important' })).toBeVisible();
  await expect(main.itemPane.getByRole('button', { name: 'Why it matters' })).toBeVisible();
  await expect(main.itemPane.getByRole('button', { name: /^Preprint version/ })).toBeVisible();
  await expect(main.field('Venue')).toHaveValue(
    'Advances in Neural Information Processing Systems 30',
  );

  // undo brings both records back
  await expect(o.toast).toContainText('Merge 2 duplicates');
  await o.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(main.rows()).toHaveCount(14);
  await main.view('Duplicates').click();
  await expect(group).toHaveCount(1);
});
