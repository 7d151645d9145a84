import type { pdfCalls } from '../../../shared/api/pdf';
import {
  attachToItem,
  importPdf,
  readAttachment,
  removeAttachment,
  renameAttachment,
} from '../attachments/attach';
import {
  deleteAnnotation,
  extractToNote,
  getAnnotation,
  insertAnnotation,
  listAnnotations,
  updateAnnotation,
} from '../attachments/annotations';
import { attachmentRow, attachmentRowsOfItem, toAttachment } from '../attachments/rows';
import { getItem } from '../items/repo';
import { exportAnnotatedPdf } from '../pdf/export-annotated';
import { indexAttachment, indexInBackground, searchPages } from '../pdf/fulltext';
import { extractMetadata } from '../pdf/metadata';
import { probePdf } from '../pdf/run-worker';
import type { HandlerMap } from './types';

export const pdfHandlers: HandlerMap<keyof typeof pdfCalls> = {
  'attachments.list': ({ itemId }, lib) => {
    getItem(lib.db, itemId);
    return attachmentRowsOfItem(lib.db, itemId).map((r) => toAttachment(lib.folder, r));
  },
  'attachments.get': ({ id }, lib) => toAttachment(lib.folder, attachmentRow(lib.db, id)),
  'attachments.add': async ({ itemId, source, mode }, lib) => {
    const r = await attachToItem(lib, itemId, source, mode);
    indexInBackground(lib, r.attachment.id);
    return r;
  },
  'attachments.import': async ({ source, mode }, lib) => {
    const r = await importPdf(lib, source, mode);
    indexInBackground(lib, r.attachment.id);
    return r;
  },
  'attachments.remove': ({ id }, lib) => {
    removeAttachment(lib, id);
    return 1;
  },
  'attachments.rename': ({ id }, lib) => renameAttachment(lib, id),
  'attachments.content': ({ id }, lib) => {
    const { bytes, name } = readAttachment(lib, id);
    return { name, size: bytes.length, base64: bytes.toString('base64') };
  },
  'attachments.metadata': async ({ id }, lib) => {
    const { bytes, name } = readAttachment(lib, id);
    return extractMetadata(await probePdf(name, bytes), name);
  },
  'attachments.index': ({ id }, lib) => indexAttachment(lib, id),
  'attachments.exportAnnotated': async ({ id }, lib) => {
    const { bytes, name } = readAttachment(lib, id);
    const out = await exportAnnotatedPdf(
      bytes,
      listAnnotations(lib.db, { attachmentId: id }),
      name,
    );
    const annotatedName = name.replace(/\.pdf$/i, '') + ' (annotated).pdf';
    return { name: annotatedName, size: out.length, base64: Buffer.from(out).toString('base64') };
  },
  'fulltext.search': ({ query, limit }, lib) => searchPages(lib.db, query, limit),
  'annotations.list': (by, lib) => listAnnotations(lib.db, by),
  'annotations.create': (input, lib) => {
    const id = lib.write(() => insertAnnotation(lib.db, input));
    lib.changed(['annotations'], [attachmentRow(lib.db, input.attachmentId).item_id]);
    return getAnnotation(lib.db, id);
  },
  'annotations.update': ({ id, patch }, lib) => {
    lib.write(() => updateAnnotation(lib.db, id, patch));
    const a = getAnnotation(lib.db, id);
    lib.changed(['annotations'], [attachmentRow(lib.db, a.attachmentId).item_id]);
    return a;
  },
  'annotations.delete': ({ id }, lib) => {
    const a = getAnnotation(lib.db, id);
    const n = lib.write(() => deleteAnnotation(lib.db, id));
    lib.changed(['annotations'], [attachmentRow(lib.db, a.attachmentId).item_id]);
    return n;
  },
  'annotations.extractToNote': ({ attachmentId }, lib) => {
    const r = lib.write(() => extractToNote(lib.db, attachmentId));
    lib.changed(['notes'], [attachmentRow(lib.db, attachmentId).item_id]);
    return r;
  },
};
