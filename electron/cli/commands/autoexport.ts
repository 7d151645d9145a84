import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { AutoExport } from '../../../shared/domain/autoexport';
import { type Command, call } from '../command';

function line(b: AutoExport, collections: Map<number, string>): string {
  const what =
    b.collectionId === null
      ? 'library'
      : `collection "${collections.get(b.collectionId) ?? b.collectionId}"`;
  const status = b.lastError
    ? `error: ${b.lastError}`
    : b.lastExport
      ? `exported ${b.lastExport} (${b.itemCount} entries)`
      : 'never exported';
  return `${b.id}\t${b.format}\t${what}\t${b.path}\t${status}`;
}

export const autoexport: Command = {
  name: 'autoexport',
  usage:
    'shelfmark autoexport list [--json] | run [ID…] | add PATH [--collection ID] [--format bibtex|biblatex] | remove ID',
  summary: 'list, run, add or remove .bib files kept in sync with the library',
  async run(args, { library, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        collection: { type: 'string' },
        format: { type: 'string', default: 'bibtex' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    const lib = library();
    const names = async () =>
      new Map((await call(lib, 'collections.list', {})).map((c) => [c.id, c.name]));
    const ids = (xs: string[]) => xs.map(Number);
    switch (sub) {
      case 'list': {
        const all = await call(lib, 'autoExport.list', {});
        if (values.json) io.out(JSON.stringify(all, null, 2));
        else {
          const n = await names();
          for (const b of all) io.out(line(b, n));
        }
        return 0;
      }
      case 'run': {
        if (rest.some((x) => !/^\d+$/.test(x))) {
          io.err('autoexport run: give binding ids as numbers (see autoexport list)');
          return 2;
        }
        const done = await call(lib, 'autoExport.run', rest.length ? { ids: ids(rest) } : {});
        const n = await names();
        for (const b of done) io.out(line(b, n));
        return done.some((b) => b.lastError) ? 1 : 0;
      }
      case 'add': {
        if (rest.length !== 1) {
          io.err('autoexport add: give one file path');
          return 2;
        }
        const collectionId = values.collection === undefined ? null : Number(values.collection);
        if (collectionId !== null && !Number.isInteger(collectionId)) {
          io.err('autoexport add: --collection takes a collection id');
          return 2;
        }
        const b = await call(lib, 'autoExport.create', {
          path: resolve(rest[0]!),
          collectionId,
          format: values.format,
        });
        io.out(line(b, await names()));
        return b.lastError ? 1 : 0;
      }
      case 'remove': {
        if (rest.length !== 1 || !/^\d+$/.test(rest[0]!)) {
          io.err('autoexport remove: give one binding id');
          return 2;
        }
        await call(lib, 'autoExport.delete', { id: Number(rest[0]) });
        io.out(`removed auto-export ${rest[0]}`);
        return 0;
      }
      default:
        io.err(`usage: ${autoexport.usage}`);
        return 2;
    }
  },
};
