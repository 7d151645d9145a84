import { parseArgs } from 'node:util';
import { BackupName } from '../../../shared/api/backups';
import { listBackups, newestGoodBackup, restoreClosedLibrary } from '../../library/safety/backups';
import { type Command, call } from '../command';

export const backup: Command = {
  name: 'backup',
  usage: 'shelfmark backup list [--json] | backup create | backup restore NAME|--newest-good',
  summary: 'list, make or restore verified backups of the library',
  async run(args, { library, io, libraryFolder }) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, 'newest-good': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [sub, name] = positionals;
    if (sub === 'create') {
      const b = await call(library(), 'backups.create', {});
      io.out(`backed up to ${b.name} (${b.size} bytes, integrity_check ok)`);
      return 0;
    }
    // list and restore work on the folder without opening the database: they are what a user
    // needs when the library is damaged and will not open.
    if (sub === 'list') {
      const all = listBackups(libraryFolder);
      if (values.json) io.out(JSON.stringify(all, null, 2));
      else if (all.length === 0) io.out(`no backups in ${libraryFolder}`);
      else for (const b of all) io.out(`${b.name}\t${b.createdAt}\t${b.reason}\t${b.size}`);
      return 0;
    }
    if (sub === 'restore') {
      let chosen = name;
      if (values['newest-good']) {
        chosen = newestGoodBackup(libraryFolder)?.name;
        if (!chosen) {
          io.err(
            `backup restore: no backup in ${libraryFolder} passes its integrity check; nothing was changed`,
          );
          return 1;
        }
      }
      if (!chosen) {
        io.err('backup restore: name a backup (see `shelfmark backup list`) or pass --newest-good');
        return 2;
      }
      const parsed = BackupName.safeParse(chosen);
      if (!parsed.success) {
        io.err(`backup restore: "${chosen.slice(0, 100)}" is not the name of a backup`);
        return 2;
      }
      const b = await restoreClosedLibrary(libraryFolder, parsed.data);
      io.out(
        `restored ${b.name}; the previous database file was moved to ${libraryFolder}/replaced/`,
      );
      return 0;
    }
    io.err(`Usage: ${backup.usage}`);
    return 2;
  },
};
