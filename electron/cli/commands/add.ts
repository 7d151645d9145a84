import { parseArgs } from 'node:util';
import { parseTypedName } from '../../../shared/domain/names';
import { type Command, call } from '../command';

export const add: Command = {
  name: 'add',
  usage:
    'shelfmark add --title TITLE [--author "Family, Given"]… [--year Y|--date D] [--type T] [--venue V] [--doi DOI] [--url URL] [--abstract TEXT] [--key KEY] [--json]',
  summary: 'add one item by hand',
  async run(args, { library, io }) {
    const { values } = parseArgs({
      args,
      options: {
        title: { type: 'string' },
        author: { type: 'string', multiple: true },
        editor: { type: 'string', multiple: true },
        year: { type: 'string' },
        date: { type: 'string' },
        type: { type: 'string' },
        venue: { type: 'string' },
        doi: { type: 'string' },
        url: { type: 'string' },
        abstract: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    if (!values.title) {
      io.err('add: --title is required');
      return 2;
    }
    const creators = [
      ...(values.author ?? []).map((a) => parseTypedName(a, 'author')),
      ...(values.editor ?? []).map((a) => parseTypedName(a, 'editor')),
    ];
    const item = await call(library(), 'items.create', {
      title: values.title,
      type: values.type ?? 'article',
      date: values.date ?? values.year ?? '',
      venue: values.venue ?? '',
      doi: values.doi ?? '',
      url: values.url ?? '',
      abstract: values.abstract ?? '',
      creators,
      ...(values.key ? { citationKey: values.key } : {}),
    });
    io.out(
      values.json
        ? JSON.stringify(item)
        : `added ${item.citationKey} (id ${item.id}): ${item.title}`,
    );
    return 0;
  },
};
