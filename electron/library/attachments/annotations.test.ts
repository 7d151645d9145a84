import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/domain/attachment';
import { parseReaderLink } from '../../../shared/domain/attachment';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { Library } from '../library';
import { makePages } from '../pdf/testing/make-pdf';
import { fixturePath as fixture } from '../testing/fixtures';

let dir: string;
let lib: Library;
async function call(name: string, input: unknown) {
  return dispatch(handlers, lib, name, input);
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-annot-'));
  lib = Library.open(join(dir, 'lib'));
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

async function attachedPdf(bytes: Uint8Array) {
  const item = await ok<{ id: number }>('items.create', { title: 'Annotated paper' });
  const r = await ok<{ attachment: { id: number } }>('attachments.add', {
    itemId: item.id,
    source: { kind: 'data', name: 'a.pdf', base64: Buffer.from(bytes).toString('base64') },
  });
  return { itemId: item.id, attachmentId: r.attachment.id };
}

describe('annotations', () => {
  it('stores, lists in page order, updates and deletes', async () => {
    const { itemId, attachmentId } = await attachedPdf(await makePages(3));
    const mk = (page: number, top: number, quote: string, kind = 'highlight') =>
      ok<Annotation>('annotations.create', {
        attachmentId,
        kind,
        page,
        rects: [[72, top - 12, 300, top]],
        quote,
        color: '#2ea8e5',
      });
    const late = await mk(3, 700, 'third');
    const lower = await mk(1, 300, 'lower on page one', 'underline');
    const upper = await mk(1, 700, 'upper on page one');
    const note = await ok<Annotation>('annotations.create', {
      attachmentId,
      kind: 'note',
      page: 2,
      rects: [[100, 500, 120, 520]],
      comment: 'A sticky note',
    });
    const list = await ok<Annotation[]>('annotations.list', { itemId });
    expect(list.map((a) => a.id)).toEqual([upper.id, lower.id, note.id, late.id]);
    expect(await ok<Annotation[]>('annotations.list', { attachmentId })).toEqual(list);
    const updated = await ok<Annotation>('annotations.update', {
      id: lower.id,
      patch: { comment: 'why', color: '#ff6666' },
    });
    expect(updated).toMatchObject({
      comment: 'why',
      color: '#ff6666',
      quote: 'lower on page one',
      kind: 'underline',
    });
    expect(await ok<number>('annotations.delete', { id: late.id })).toBe(1);
    expect(await ok<Annotation[]>('annotations.list', { attachmentId })).toHaveLength(3);
  });

  it('rejects bad input at the contract', async () => {
    const { attachmentId } = await attachedPdf(await makePages(1));
    const bad = [
      { attachmentId, kind: 'ink', page: 1, rects: [[0, 0, 1, 1]] },
      { attachmentId, kind: 'highlight', page: 0, rects: [[0, 0, 1, 1]] },
      { attachmentId, kind: 'highlight', page: 1, rects: [] },
      { attachmentId, kind: 'highlight', page: 1, rects: [[0, 0, 1]] },
      { attachmentId, kind: 'highlight', page: 1, rects: [[0, 0, 1, 1]], color: 'red' },
    ];
    for (const input of bad)
      expect(await call('annotations.create', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(
      await call('annotations.create', {
        attachmentId: 999,
        kind: 'note',
        page: 1,
        rects: [[0, 0, 1, 1]],
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('extracts annotations into a Markdown note with quote, comment and page link', async () => {
    const { itemId, attachmentId } = await attachedPdf(await makePages(4));
    const h = await ok<Annotation>('annotations.create', {
      attachmentId,
      kind: 'highlight',
      page: 4,
      rects: [[72, 690, 300, 702]],
      quote: 'Energy is *conserved* <script>',
      comment: 'Key claim',
    });
    const r = await ok<{ noteId: number; markdown: string }>('annotations.extractToNote', {
      attachmentId,
    });
    expect(r.markdown).toContain('> Energy is \\*conserved\\* \\<script\\>');
    expect(r.markdown).toContain(
      `Key claim ([p. 4](#/pdf/${attachmentId}?page=4&annotation=${h.id}))`,
    );
    expect(parseReaderLink(`#/pdf/${attachmentId}?page=4&annotation=${h.id}`)).toEqual({
      attachmentId,
      page: 4,
      annotationId: h.id,
    });
    const note = lib.db.prepare('SELECT item_id, body FROM notes WHERE id = ?').get(r.noteId) as {
      item_id: number;
      body: string;
    };
    expect(note).toEqual({ item_id: itemId, body: r.markdown });
  });

  it('exports a copy with standard Highlight, Underline and Text annotations that pdf.js reads back', async () => {
    const original = readFileSync(fixture('revtex-apssamp.pdf'));
    const { attachmentId } = await attachedPdf(original);
    await ok('annotations.create', {
      attachmentId,
      kind: 'highlight',
      page: 1,
      rects: [
        [100, 700, 300, 712],
        [100, 688, 250, 700],
      ],
      quote: 'Manuscript Title',
      comment: 'Nice title',
      color: '#ffd400',
    });
    await ok('annotations.create', {
      attachmentId,
      kind: 'underline',
      page: 2,
      rects: [[60, 500, 200, 510]],
      quote: 'u',
      comment: 'Ünïcödé comment',
    });
    await ok('annotations.create', {
      attachmentId,
      kind: 'note',
      page: 2,
      rects: [[300, 300, 320, 320]],
      comment: 'Sticky',
    });
    const out = await ok<{ name: string; base64: string }>('attachments.exportAnnotated', {
      id: attachmentId,
    });
    expect(out.name).toMatch(/\(annotated\)\.pdf$/);
    const doc = await getDocument({
      data: new Uint8Array(Buffer.from(out.base64, 'base64')),
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
    expect(doc.numPages).toBe(7);
    const p1 = (await (await doc.getPage(1)).getAnnotations()) as {
      subtype: string;
      contentsObj: { str: string };
      quadPoints?: unknown;
      color?: Uint8ClampedArray;
    }[];
    const hl = p1.find((a) => a.subtype === 'Highlight');
    expect(hl?.contentsObj.str).toBe('Nice title');
    expect(hl?.quadPoints).toBeTruthy();
    expect(Array.from(hl?.color ?? [])).toEqual([255, 212, 0]);
    const p2 = (await (await doc.getPage(2)).getAnnotations()) as {
      subtype: string;
      contentsObj: { str: string };
    }[];
    expect(p2.filter((a) => a.subtype === 'Underline').map((a) => a.contentsObj.str)).toEqual([
      'Ünïcödé comment',
    ]);
    expect(p2.filter((a) => a.subtype === 'Text').map((a) => a.contentsObj.str)).toEqual([
      'Sticky',
    ]);
    await doc.destroy();
    // the stored original is untouched
    const content = await ok<{ base64: string }>('attachments.content', { id: attachmentId });
    expect(Buffer.from(content.base64, 'base64').equals(original)).toBe(true);
  });
});
