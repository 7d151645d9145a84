import { parseArgs } from 'node:util';
import { SORT_COLUMNS, type SortColumn } from '../../../shared/domain/item';
import { type Command, call } from '../command';

export const list: Command = {
  name: 'list',
  usage: 'shelfmark list [--json] [--trash] [--sort COLUMN] [--desc] [--limit N]',
  summary: 'list the items of the library',
  async run(args, { library, io }) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        trash: { type: 'boolean' },
        sort: { type: 'string', default: 'dateAdded' },
        desc: { type: 'boolean' },
        limit: { type: 'string' },
      },
      strict: true,
    });
    if (!SORT_COLUMNS.includes(values.sort as SortColumn)) {
      io.err(`list: --sort must be one of ${SORT_COLUMNS.join(', ')}`);
      return 2;
    }
    // checked: Number('abc') is NaN, and a NaN limit listed nothing with exit 0
    const max = values.limit === undefined ? Infinity : Number(values.limit);
    if (values.limit !== undefined && !(Number.isInteger(max) && max >= 1)) {
      io.err('list: --limit must be a whole number of at least 1');
      return 2;
    }
    const lib = library();
    const rows = [];
    for (let offset = 0; rows.length < max;) {
      const page = await call(lib, 'items.list', {
        view: values.trash ? { kind: 'trash' } : { kind: 'library' },
        sort: { column: values.sort as SortColumn, direction: values.desc ? 'desc' : 'asc' },
        offset,
        limit: 1000,
      });
      rows.push(...page.rows);
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total) break;
    }
    const shown = rows.slice(0, max);
    if (values.json) {
      io.out(JSON.stringify(shown, null, 2));
    } else {
      for (const r of shown) {
        io.out(`${r.citationKey}\t${r.year ?? ''}\t${r.creators}\t${r.title}`);
      }
    }
    return 0;
  },
};
