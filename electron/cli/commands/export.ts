import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../library/export/atomic-write';
import { EXPORT_FORMATS } from '../../library/formats/index';
import { type Command, call } from '../command';

export const exportCommand: Command = {
  name: 'export',
  // from the registry export.items looks formats up in, so a new format is listed at once
  usage: `shelfmark export --format ${EXPORT_FORMATS.map((f) => f.id).join('|')} [--collection NAME] [-o FILE]`,
  summary: 'export the library or a collection (to stdout, or atomically to FILE)',
  async run(args, { library, io }) {
    const { values } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'bibtex' },
        collection: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      strict: true,
    });
    const text = await call(library(), 'export.items', {
      format: values.format,
      scope: values.collection
        ? { kind: 'collectionName', name: values.collection }
        : { kind: 'library' },
    });
    if (values.output) writeFileAtomic(values.output, text);
    else io.out(text.replace(/\n$/, ''));
    return 0;
  },
};
