import { BackupsDialog } from './pages/backups-dialog';
import { expect, test } from './fixtures';

test('back up the library, change it, and restore the backup from Backups', async ({
  main,
  page,
}) => {
  await main.addItem({ title: 'Kept in the backup' });
  await expect(main.row('Kept in the backup')).toHaveCount(1);

  const backups = new BackupsDialog(page);
  await backups.open();
  await expect(backups.dialog.getByText('No backups yet.')).toBeVisible();
  await backups.backUpNow();
  await expect(backups.rows.first()).toContainText('Made by hand');
  await backups.close();

  await main.addItem({ title: 'Added after the backup' });
  await expect(main.row('Added after the backup')).toHaveCount(1);

  await backups.open();
  await backups.restore(backups.rows.filter({ hasText: 'Made by hand' }).first());
  // the state before the restore was itself backed up
  await expect(backups.rows.filter({ hasText: 'Before a restore' })).toHaveCount(1);
  await backups.close();

  await expect(main.row('Kept in the backup')).toHaveCount(1);
  await expect(main.row('Added after the backup')).toHaveCount(0);
});

test('an item selected when a restore removes it leaves the item pane, without an error', async ({
  main,
  page,
}) => {
  await main.addItem({ title: 'In the backup' });
  const backups = new BackupsDialog(page);
  await backups.open();
  await backups.backUpNow();
  await backups.close();
  await main.addItem({ title: 'Only after the backup' });
  await main.select('Only after the backup');

  await backups.open();
  await backups.restore(backups.rows.filter({ hasText: 'Made by hand' }).first());
  await backups.close();

  await expect(main.row('Only after the backup')).toHaveCount(0);
  // the pane must not go on showing (and saving edits to) an item the library no longer has
  await expect(main.itemPane.getByText('Select an item to see its details.')).toBeVisible();
  await expect(main.field('Title')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
