import type { autoExportCalls } from '../../../shared/api/autoexport';
import {
  bindingRow,
  bindingRows,
  checkBinding,
  deleteBinding,
  insertBinding,
  toAutoExport,
} from '../autoexport/bindings';
import { autoExporterOf, listAutoExports, runBinding } from '../autoexport/service';
import type { Library } from '../library';
import type { HandlerMap } from './types';

/** Through the running service when there is one (so exports never overlap), else directly. */
async function runNow(lib: Library, ids?: readonly number[]): Promise<void> {
  const service = autoExporterOf(lib);
  if (service) {
    await service.run(ids);
    return;
  }
  for (const row of bindingRows(lib.db)) {
    // no service to wait for the flush later (the CLI): wait for it here
    if (!ids || ids.includes(row.id)) await (await runBinding(lib, row)).durable;
  }
  lib.changed(['autoExports']);
}

export const autoExportHandlers: HandlerMap<keyof typeof autoExportCalls> = {
  'autoExport.list': (_input, lib) => listAutoExports(lib),
  'autoExport.create': async ({ collectionId, path, format }, lib) => {
    const id = lib.write(() => {
      const full = checkBinding(lib.db, collectionId, path, format);
      return insertBinding(lib.db, collectionId, full, format);
    });
    await runNow(lib, [id]);
    return toAutoExport(bindingRow(lib.db, id), false);
  },
  'autoExport.delete': ({ id }, lib) => {
    lib.write(() => deleteBinding(lib.db, id));
    lib.changed(['autoExports']);
    return null;
  },
  'autoExport.run': async ({ ids }, lib) => {
    await runNow(lib, ids);
    const all = listAutoExports(lib);
    return ids ? all.filter((b) => ids.includes(b.id)) : all;
  },
};
