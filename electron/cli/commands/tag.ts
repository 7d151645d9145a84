import { parseArgs } from 'node:util';
import { type Command, call } from '../command';

export const tag: Command = {
  name: 'tag',
  usage: 'shelfmark tag KEY… [--add TAG]… [--remove TAG]…',
  summary: 'add or remove tags on items given by citation key',
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        add: { type: 'string', multiple: true },
        remove: { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0 || (!values.add && !values.remove)) {
      io.err(`tag: name items by key and at least one --add or --remove\n${tag.usage}`);
      return 2;
    }
    const lib = library();
    const found = await call(lib, 'items.idsByKey', { keys: positionals });
    const missing = positionals.filter((k) => !found.some((f) => f.key === k));
    if (missing.length > 0) {
      io.err(`tag: no item with key ${missing.join(', ')}; nothing changed`);
      return 1;
    }
    const itemIds = found.map((f) => f.id);
    if (values.add) {
      const n = await call(lib, 'tags.add', { itemIds, names: values.add });
      io.out(`added ${n} tag link${n === 1 ? '' : 's'}`);
    }
    if (values.remove) {
      const n = await call(lib, 'tags.remove', { itemIds, names: values.remove });
      io.out(`removed ${n} tag link${n === 1 ? '' : 's'}`);
    }
    return 0;
  },
};
