import type { transferCalls } from '../../../shared/api/transfer';
import { exportItems } from '../export/export';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../formats/index';
import { decodeBytes } from '../import/encoding';
import { importText } from '../import/pipeline';
import { getItem } from '../items/repo';
import { getKeyPattern, setKeyPattern } from '../keys/pattern';
import { renameKey } from '../keys/rename';
import type { HandlerMap } from './types';

export const transferHandlers: HandlerMap<keyof typeof transferCalls> = {
  'import.text': ({ text, base64, fileName, format, onDuplicate, baseDir }, lib) => {
    const content = text ?? decodeBytes(Buffer.from(base64 ?? '', 'base64')).text;
    return importText(lib, content, { fileName, format, onDuplicate, baseDir });
  },
  'import.formats': () =>
    IMPORT_FORMATS.map((f) => ({ id: f.id, label: f.label, extensions: [...f.extensions] })),
  'export.items': async ({ format, scope }, lib) => {
    await lib.whenChecked();
    return exportItems(lib, format, scope);
  },
  'export.formats': () =>
    EXPORT_FORMATS.map((f) => ({ id: f.id, label: f.label, extensions: [f.extension] })),
  'items.renameKey': ({ id, key }, lib) => {
    lib.write(() => renameKey(lib.db, id, key));
    lib.changed(['items'], [id]);
    return getItem(lib.db, id);
  },
  'keys.getPattern': (_input, lib) => getKeyPattern(lib.db),
  'keys.setPattern': ({ pattern }, lib) => {
    lib.write(() => setKeyPattern(lib.db, pattern));
    lib.changed(['settings']);
    return getKeyPattern(lib.db);
  },
};
