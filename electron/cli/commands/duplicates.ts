import { parseArgs } from 'node:util';
import { type Command, call } from '../command';

export const duplicates: Command = {
  name: 'duplicates',
  usage: 'shelfmark duplicates [--json] [--merge-all]',
  summary: 'list duplicate groups (same DOI, arXiv id or title+year+first author); merge them',
  async run(args, { library, io }) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, 'merge-all': { type: 'boolean' } },
      strict: true,
    });
    const lib = library();
    const groups = await call(lib, 'duplicates.find', {});
    if (values.json) io.out(JSON.stringify(groups, null, 2));
    else {
      for (const g of groups) {
        io.out(
          `${g.reasons.join('+')}: ${g.items.map((i) => (i.id === g.masterId ? `*${i.citationKey}` : i.citationKey)).join(' ')}`,
        );
      }
      io.out(`${groups.length} group${groups.length === 1 ? '' : 's'} (* = kept when merged)`);
    }
    if (values['merge-all'] && groups.length > 0) {
      const r = await call(lib, 'duplicates.merge', {
        groups: groups.map((g) => ({
          masterId: g.masterId,
          otherIds: g.items.map((i) => i.id).filter((id) => id !== g.masterId),
        })),
      });
      const n = r.reduce((s, x) => s + x.merged, 0);
      io.out(
        `merged ${n} item${n === 1 ? '' : 's'} into ${r.length}; \`shelfmark undo\` reverts it`,
      );
    }
    return 0;
  },
};
