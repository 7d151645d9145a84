// Test PDFs made on the fly: multi-page documents with known words per page, a paper-like first
// page, and broken or encrypted files. Used by engine tests only.
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';

export interface PaperSpec {
  title?: string[];
  authors?: string;
  affiliation?: string;
  body?: string[];
  /** Extra lines printed sideways in the left margin (arXiv's stamp). */
  stamp?: string;
  /** Lines of a reference list on the first page. */
  references?: string[];
  info?: { title?: string; author?: string; subject?: string };
  pages?: string[][];
}

/** A one-or-more page PDF laid out like a paper: big title, author line, body text. */
export async function makePaper(spec: PaperSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  if (spec.info?.title !== undefined) doc.setTitle(spec.info.title);
  if (spec.info?.author !== undefined) doc.setAuthor(spec.info.author);
  if (spec.info?.subject !== undefined) doc.setSubject(spec.info.subject);
  const page = doc.addPage([612, 792]);
  let y = 720;
  for (const line of spec.title ?? []) {
    page.drawText(line, { x: 120, y, size: 17, font: bold });
    y -= 22;
  }
  if (spec.authors) {
    y -= 6;
    page.drawText(spec.authors, { x: 120, y, size: 11, font });
    y -= 14;
  }
  if (spec.affiliation) {
    page.drawText(spec.affiliation, { x: 120, y, size: 9, font });
    y -= 24;
  }
  for (const line of spec.body ?? []) {
    page.drawText(line, { x: 72, y, size: 10, font });
    y -= 12;
  }
  if (spec.references?.length) {
    y -= 10;
    page.drawText('References', { x: 72, y, size: 10, font: bold });
    y -= 12;
    for (const line of spec.references) {
      page.drawText(line, { x: 72, y, size: 8, font });
      y -= 10;
    }
  }
  if (spec.stamp) page.drawText(spec.stamp, { x: 30, y: 250, size: 20, font, rotate: degrees(90) });
  for (const lines of spec.pages ?? []) {
    const p = doc.addPage([612, 792]);
    lines.forEach((line, i) => p.drawText(line, { x: 72, y: 720 - i * 14, size: 11, font }));
  }
  return doc.save();
}

/** `n` pages, page k holding the given words for that page (1-based) or a default sentence. */
export async function makePages(
  n: number,
  words: Record<number, string> = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let k = 1; k <= n; k++) {
    const p = doc.addPage([612, 792]);
    p.drawText(words[k] ?? `This is page ${k} of the test document.`, {
      x: 72,
      y: 700,
      size: 12,
      font,
    });
  }
  return doc.save();
}

/**
 * A PDF whose trailer names a Standard security handler with a user password we do not know:
 * pdf.js asks for a password, which is what an encrypted paper does.
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex32 = 'a5'.repeat(32);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'11'.repeat(16)}> <${'11'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A PDF header followed by garbage: claims to be a PDF, is not one. */
export function makeCorruptPdf(): Uint8Array {
  const junk = new Uint8Array(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
  const head = new TextEncoder().encode('%PDF-1.7\n');
  const out = new Uint8Array(head.length + junk.length);
  out.set(head);
  out.set(junk, head.length);
  return out;
}
