import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Command, call } from '../command';

export const attach: Command = {
  name: 'attach',
  usage: 'shelfmark attach [--link] (ITEM_ID | --new) FILE.pdf…',
  summary: 'attach PDFs to an item, or add one new item per PDF from its metadata',
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: { link: { type: 'boolean' }, new: { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const files = values.new ? positionals : positionals.slice(1);
    const itemId = values.new ? null : Number(positionals[0]);
    if (!files.length || (itemId !== null && !(Number.isInteger(itemId) && itemId > 0))) {
      io.err(`attach: usage: ${this.usage}`);
      return 2;
    }
    const mode = values.link ? 'linked' : 'stored';
    let failed = 0;
    const attached: number[] = [];
    for (const f of files) {
      const source = { kind: 'path' as const, path: resolve(f) };
      try {
        if (itemId === null) {
          const r = await call(library(), 'attachments.import', { source, mode });
          const review = r.metadata.reviewNeeded ? ' (needs review)' : '';
          io.out(
            values.json
              ? JSON.stringify(r)
              : `added ${r.item.citationKey} (id ${r.item.id}): ${r.item.title}${review}`,
          );
          attached.push(r.attachment.id);
        } else {
          const r = await call(library(), 'attachments.add', { itemId, source, mode });
          io.out(
            values.json
              ? JSON.stringify(r)
              : `attached ${r.attachment.title} (attachment ${r.attachment.id})`,
          );
          attached.push(r.attachment.id);
        }
      } catch (e) {
        failed++;
        io.err(`attach: ${f}: ${(e as Error).message}`);
      }
    }
    // The full-text index is built in the background; the CLI waits for it before exiting.
    for (const id of attached) {
      try {
        await call(library(), 'attachments.index', { id });
      } catch (e) {
        io.err(`attach: indexing attachment ${id} failed: ${(e as Error).message}`);
      }
    }
    return failed ? 1 : 0;
  },
};
