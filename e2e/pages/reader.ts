import { expect, type Locator, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A test PDF: a big title on page 1 and the given lines on each page. */
export async function makeTestPdf(title: string, pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  pages.forEach((lines, i) => {
    const p = doc.addPage([612, 792]);
    if (i === 0) p.drawText(title, { x: 72, y: 720, size: 20, font: bold });
    lines.forEach((line, k) => p.drawText(line, { x: 72, y: 660 - k * 18, size: 12, font }));
  });
  return Buffer.from(await doc.save());
}

/** The PDF reader tab, as a user sees it. */
export class Reader {
  readonly root: Locator;
  readonly annotations: Locator;
  readonly pageNumber: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'PDF reader' });
    this.annotations = this.root.getByRole('complementary', { name: 'Annotations' });
    this.pageNumber = this.root.getByLabel('Page number');
  }

  pdfPage(n: number): Locator {
    return this.root.getByRole('region', { name: `Page ${n}`, exact: true });
  }

  /** The text-layer span holding `text` on page `n`, once pdf.js has laid it out. */
  text(n: number, text: string): Locator {
    return this.pdfPage(n).locator('.textLayer span', { hasText: text });
  }

  /** Selects the words of one text line with the mouse, as a user drags across them. */
  async selectText(n: number, text: string): Promise<void> {
    const span = this.text(n, text).first();
    await expect(span).toBeVisible();
    const box = (await span.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width / 2, y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width - 1, y, { steps: 4 });
    await this.page.mouse.up();
  }

  button(name: string): Locator {
    return this.root
      .getByRole('toolbar', { name: 'Reader' })
      .getByRole('button', { name, exact: true });
  }
}

/** Drops files onto an element the way a file manager does (a real DataTransfer with Files). */
export async function dropFiles(
  page: Page,
  target: Locator,
  files: { name: string; buffer: Buffer }[],
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: 'application/pdf' }));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, b64: f.buffer.toString('base64') })),
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
