import { type Command, call } from '../command';

export const undo: Command = {
  name: 'undo',
  usage: 'shelfmark undo',
  summary: 'undo the last destructive action (trash, remove from collection, merge, tag delete, …)',
  async run(args, { library, io }) {
    // `undo 3` must not look like it undid three actions
    if (args.length > 0) {
      io.err(`undo: takes no arguments (it undoes the last action only)\nUsage: ${this.usage}`);
      return 2;
    }
    const u = await call(library(), 'undo.apply', {});
    io.out(`undone: ${u.label}`);
    return 0;
  },
};
