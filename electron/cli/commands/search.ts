import { parseArgs } from 'node:util';
import { SORT_COLUMNS, type SortColumn } from '../../../shared/domain/item';
import { type Command, call } from '../command';

export const search: Command = {
  name: 'search',
  usage: 'shelfmark search QUERY [--json] [--metadata-only] [--sort COLUMN] [--desc] [--limit N]',
  summary: 'search the library with the query language (author: title: year:2019..2021 tag: …)',
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        'metadata-only': { type: 'boolean' },
        sort: { type: 'string', default: 'relevance' },
        desc: { type: 'boolean' },
        limit: { type: 'string', default: '100' },
      },
      allowPositionals: true,
      strict: true,
    });
    const query = positionals.join(' ');
    const column = values.sort as SortColumn | 'relevance';
    if (column !== 'relevance' && !SORT_COLUMNS.includes(column)) {
      io.err(`search: --sort must be relevance or one of ${SORT_COLUMNS.join(', ')}`);
      return 2;
    }
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      io.err('search: --limit must be a whole number from 1 to 1000');
      return 2;
    }
    const page = await call(library(), 'items.list', {
      search: query,
      sort: { column, direction: values.desc ? 'desc' : 'asc' },
      fullText: !values['metadata-only'],
      limit,
    });
    if (page.queryError) {
      const e = page.queryError;
      io.err(
        `search: ${e.message}\n  ${query}\n  ${' '.repeat(e.position)}${'^'.repeat(Math.max(1, e.end - e.position))}`,
      );
      return 2;
    }
    if (values.json) {
      io.out(JSON.stringify({ total: page.total, rows: page.rows }, null, 2));
      return 0;
    }
    for (const r of page.rows) {
      const where = r.snippet
        ? `\t[${r.snippet.source}${r.snippet.page ? ` p. ${r.snippet.page}` : ''}] ${r.snippet.parts
            .map((p) => (p.hit ? `*${p.text}*` : p.text))
            .join('')
            .replace(/\s+/g, ' ')}`
        : '';
      io.out(`${r.citationKey}\t${r.year ?? ''}\t${r.creators}\t${r.title}${where}`);
    }
    if (page.total > page.rows.length) io.out(`… ${page.total - page.rows.length} more`);
    return 0;
  },
};
