import { parseArgs } from 'node:util';
import { parseTypedName } from '../../../shared/domain/names';
import type { AddByIdResult } from '../../../shared/domain/online';
import type { Library } from '../../library/library';
import { type CliIO, type Command, call } from '../command';

function report(r: AddByIdResult, io: CliIO): void {
  for (const a of r.added) {
    const pdf = a.pdf
      ? a.pdf.ok
        ? ' [PDF attached]'
        : ` [PDF not downloaded: ${a.pdf.reason}]`
      : '';
    io.out(`added ${a.citationKey} (id ${a.itemId}): ${a.title}${pdf}`);
  }
  for (const e of r.existing)
    io.out(`already in the library: ${e.input} (id ${e.itemId}): ${e.title}`);
  for (const p of r.pending) io.err(`pending ${p.input}: ${p.reason}`);
  for (const i of r.invalid) io.err(`not an identifier: ${i.input}: ${i.reason}`);
}

async function addByIdentifier(
  values: { id?: string[]; pdf?: boolean; retry?: boolean; pending?: boolean; json?: boolean },
  lib: Library,
  io: CliIO,
): Promise<number> {
  if (values.pending) {
    const pending = await call(lib, 'online.pending.list', {});
    if (values.json) io.out(JSON.stringify(pending, null, 2));
    else if (pending.length === 0) io.out('no pending identifiers');
    else for (const p of pending) io.out(`${p.input}\t${p.attempts} attempt(s)\t${p.reason}`);
    return 0;
  }
  const r = values.retry
    ? await call(lib, 'online.pending.retry', {})
    : await call(lib, 'online.addByIds', {
        text: (values.id ?? []).join('\n'),
        downloadPdf: values.pdf ?? false,
      });
  if (values.json) io.out(JSON.stringify(r, null, 2));
  else report(r, io);
  // 0: everything asked for is in the library; 1: some identifiers are pending or invalid.
  return r.pending.length || r.invalid.length ? 1 : 0;
}

export const add: Command = {
  name: 'add',
  usage:
    'shelfmark add --id ID [--id ID]… [--pdf] [--json] | add --retry | add --pending | add --title TITLE [--author "Family, Given"]… [--year Y|--date D] [--type T] [--venue V] [--doi DOI] [--url URL] [--abstract TEXT] [--key KEY] [--json]',
  summary: 'add items by DOI/arXiv/ISBN/PubMed id, or one item by hand',
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
        id: { type: 'string', multiple: true },
        pdf: { type: 'boolean' },
        retry: { type: 'boolean' },
        pending: { type: 'boolean' },
      },
      strict: true,
    });
    if (values.id || values.retry || values.pending) {
      return addByIdentifier(values, library(), io);
    }
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
