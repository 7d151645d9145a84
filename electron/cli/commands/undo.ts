import { type Command, call } from '../command';

export const undo: Command = {
  name: 'undo',
  usage: 'shelfmark undo',
  summary: 'undo the last destructive action (trash, remove from collection, merge, tag delete, …)',
  async run(_args, { library, io }) {
    const u = await call(library(), 'undo.apply', {});
    io.out(`undone: ${u.label}`);
    return 0;
  },
};
