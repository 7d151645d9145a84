import { parseArgs } from 'node:util';
import { type Command, call } from '../command';

export const tags: Command = {
  name: 'tags',
  usage: 'shelfmark tags [--json]',
  summary: 'list tags (`/` nests) with item counts and digit keys',
  async run(args, { library, io }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    const list = await call(library(), 'tags.list', {});
    if (values.json) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    // full names, sorted, so a child follows its parent and the output stays greppable
    for (const t of list) {
      const key = t.position ? ` [${t.position}${t.color ? ` ${t.color}` : ''}]` : '';
      io.out(`${t.name}${key}\t${t.itemCount}`);
    }
    return 0;
  },
};
