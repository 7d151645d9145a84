// How the reader gets a PDF's bytes (docs/performance-pdf.md, B11): a stored file through the
// binary route `api/attachment-file/<id>` (not base64 inside a JSON answer), a re-open from the
// kept pdf.js document (no second fetch), a replaced attachment shows its new content, and a
// linked file (which the route refuses) still opens through the contract.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { expect, test } from './fixtures';
import { Reader, makeTestPdf } from './pages/reader';

/** Every same-origin request path the page makes from now on. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

/** A contract call from the page itself (its cookie carries the token). */
async function call(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([n, i]) => {
      const res = await fetch(`api/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(i),
      });
      const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    },
    [name, input] as const,
  );
}

const fileRequests = (paths: string[]) =>
  paths.filter((p) => p.startsWith('/api/attachment-file/'));
const contentCalls = (paths: string[]) => paths.filter((p) => p === '/api/attachments.content');

test('a stored PDF is fetched once through the file route; a re-open reuses it; a replaced attachment shows its new content', async ({
  main,
  page,
}) => {
  const paths = recordRequests(page);
  const first = await makeTestPdf('Kept Paper', [['First version words.']]);
  await page
    .getByLabel('Add PDF files as new items')
    .setInputFiles({ name: 'kept.pdf', mimeType: 'application/pdf', buffer: first });
  await main.select('Kept Paper');
  const open = main.itemPane.getByRole('button', { name: /^Open .*Kept Paper\.pdf$/ });
  const reader = new Reader(page);
  // opened ahead of the click while the item is shown: fetched once, before any click
  await expect.poll(() => fileRequests(paths).length).toBe(1);

  await open.click();
  await expect(reader.text(1, 'First version')).toBeVisible();
  expect(fileRequests(paths)).toHaveLength(1);
  expect(contentCalls(paths)).toEqual([]);
  await reader.root.getByRole('button', { name: '← Library' }).click();
  await expect(reader.root).toHaveCount(0);

  // the same paper again: drawn from the kept document, nothing fetched
  await open.click();
  await expect(reader.text(1, 'First version')).toBeVisible();
  await expect(reader.pdfPage(1)).toHaveAttribute('data-drawn', 'true');
  expect(fileRequests(paths)).toHaveLength(1);
  await reader.root.getByRole('button', { name: '← Library' }).click();
  await expect(reader.root).toHaveCount(0);

  // remove the attachment and attach another file: SQLite gives the new row the same id
  const [att] = (await call(page, 'attachments.list', {
    itemId: (
      (await call(page, 'items.list', { search: 'Kept Paper', limit: 1 })) as {
        rows: { id: number }[];
      }
    ).rows[0]!.id,
  })) as { id: number }[];
  await call(page, 'attachments.remove', { id: att!.id });
  const second = await makeTestPdf('Kept Paper', [['Second version words.']]);
  await expect(open).toHaveCount(0);
  await main.itemPane
    .getByLabel('Attach PDF file')
    .setInputFiles({ name: 'kept-2.pdf', mimeType: 'application/pdf', buffer: second });
  await open.click();
  await expect(reader.text(1, 'Second version')).toBeVisible();
  await expect(reader.text(1, 'First version')).toHaveCount(0);
  expect(fileRequests(paths)).toHaveLength(2);
});

test('a linked PDF (refused by the file route) opens through the contract', async ({
  main,
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-linked-'));
  try {
    const file = join(dir, 'linked.pdf');
    writeFileSync(file, await makeTestPdf('Linked Paper', [['Words of a linked file.']]));
    await call(page, 'attachments.import', {
      source: { kind: 'path', path: file },
      mode: 'linked',
    });
    await expect(main.row('Linked Paper')).toHaveCount(1);
    await main.select('Linked Paper');
    const paths = recordRequests(page);
    await main.itemPane.getByRole('button', { name: /^Open .*\.pdf$/ }).click();
    const reader = new Reader(page);
    await expect(reader.text(1, 'Words of a linked')).toBeVisible();
    expect(contentCalls(paths)).toHaveLength(1);
    await reader.root.getByRole('button', { name: '← Library' }).click();
    // never kept: a linked file may change on disk, so it is read again
    await main.itemPane.getByRole('button', { name: /^Open .*\.pdf$/ }).click();
    await expect(reader.text(1, 'Words of a linked')).toBeVisible();
    expect(contentCalls(paths)).toHaveLength(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a JPEG in a PDF is drawn in its colours (JPEGs are decoded by the browser)', async ({
  main,
  page,
}) => {
  // a solid red JPEG made by the browser's own encoder
  const jpegBase64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = c.height = 64;
    const g = c.getContext('2d')!;
    g.fillStyle = 'rgb(200, 30, 30)';
    g.fillRect(0, 0, 64, 64);
    const blob = await new Promise<Blob>((ok) => c.toBlob((b) => ok(b!), 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  const doc = await PDFDocument.create();
  doc.setTitle('Red Figure');
  // a copy with its own ArrayBuffer: pdf-lib reads `.buffer` from offset 0
  const image = await doc.embedJpg(new Uint8Array(Buffer.from(jpegBase64, 'base64')));
  doc.addPage([612, 792]).drawImage(image, { x: 100, y: 392, width: 200, height: 200 });
  await page.getByLabel('Add PDF files as new items').setInputFiles({
    name: 'figure.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await doc.save()),
  });
  await main.select('Red Figure');
  await main.itemPane.getByRole('button', { name: /^Open .*Red Figure\.pdf$/ }).click();
  const reader = new Reader(page);
  await expect(reader.pdfPage(1)).toHaveAttribute('data-drawn', 'true');
  // the middle of the figure: PDF point (200, 492), y counted from the bottom
  const rgb = await reader
    .pdfPage(1)
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const k = c.width / 612;
      const d = c.getContext('2d')!.getImageData(200 * k, (792 - 492) * k, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!];
    });
  expect(rgb[0]).toBeGreaterThan(170);
  expect(rgb[1]).toBeLessThan(70);
  expect(rgb[2]).toBeLessThan(70);
});
