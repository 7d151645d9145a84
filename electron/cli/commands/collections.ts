import { parseArgs } from 'node:util';
import type { Collection } from '../../../shared/domain/library';
import { type Command, call } from '../command';

export const collections: Command = {
  name: 'collections',
  usage: 'shelfmark collections [--json]',
  summary: 'list collections as a tree with item counts',
  async run(args, { library, io }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    const all = await call(library(), 'collections.list', {});
    if (values.json) {
      io.out(JSON.stringify(all, null, 2));
      return 0;
    }
    const walk = (parent: number | null, depth: number) => {
      for (const c of all.filter((x: Collection) => x.parentId === parent)) {
        io.out(`${'  '.repeat(depth)}${c.name}\t${c.itemCount}`);
        walk(c.id, depth + 1);
      }
    };
    walk(null, 0);
    return 0;
  },
};
