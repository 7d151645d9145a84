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
