import { parseArgs } from 'node:util';
import type { FieldChange } from '../../../shared/domain/online';
import type { Library } from '../../library/library';
import { type Command, call } from '../command';

/** An item by numeric id or by citation key. */
async function findItem(lib: Library, ref: string): Promise<number | null> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const page = await call(lib, 'items.list', { search: ref, limit: 50 });
  return page.rows.find((r) => r.citationKey.toLowerCase() === ref.toLowerCase())?.id ?? null;
}

function show(changes: FieldChange[], out: (l: string) => void): void {
  for (const c of changes) {
    const mark = c.same ? '=' : '*';
    out(`${mark} ${c.field}\n    now:     ${c.current || '—'}\n    fetched: ${c.incoming}`);
  }
}

export const refresh: Command = {
  name: 'refresh',
  usage: 'shelfmark refresh KEY|ID [--published] [--take FIELD,FIELD… | --take-all] [--json]',
  summary: "compare an item's metadata with its DOI/arXiv record; take only the fields named",
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        take: { type: 'string' },
        'take-all': { type: 'boolean' },
        published: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) {
      io.err(`Usage: ${refresh.usage}`);
      return 2;
    }
    const lib = library();
    const itemId = await findItem(lib, positionals[0]!);
    if (itemId === null) {
      io.err(`refresh: no item with key or id "${positionals[0]}"`);
      return 1;
    }
    const proposal = await call(lib, 'online.refresh.fetch', { itemId });
    const chosen = values.published ? proposal.published : proposal;
    if (!chosen) {
      io.err('refresh: arXiv records no published version of this preprint');
      return 1;
    }
    const fields = values['take-all']
      ? chosen.changes.filter((c) => !c.same).map((c) => c.field)
      : (values.take ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
    if (fields.length === 0) {
      // Comparison only: nothing changes without a choice.
      if (values.json) io.out(JSON.stringify(proposal, null, 2));
      else {
        io.out(`From ${chosen.source} (* differs, = same):`);
        show(chosen.changes, io.out);
        if (!values.published && proposal.published) {
          io.out(
            `A published version exists (${proposal.published.journalRef}); see it with --published.`,
          );
        }
      }
      return 0;
    }
    const item = await call(lib, 'online.refresh.apply', { proposalId: chosen.proposalId, fields });
    io.out(
      values.json ? JSON.stringify(item) : `updated ${item.citationKey}: ${fields.join(', ')}`,
    );
    return 0;
  },
};
