import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath as fixture } from '../testing/fixtures';
import { pdfWorkerLimit, probePdf, runPdfWorker } from './run-worker';
import { makePages } from './testing/make-pdf';

describe('pdf.js worker pool', () => {
  it('runs more jobs than threads, and replaces a worker killed by a timeout', async () => {
    const bytes = await makePages(2);
    const all = await Promise.all(
      Array.from({ length: 5 }, (_, i) => probePdf(`p${i}.pdf`, bytes)),
    );
    expect(all.map((r) => r.numPages)).toEqual([2, 2, 2, 2, 2]);

    const slow = runPdfWorker({
      op: 'text',
      name: 'acm.pdf',
      path: fixture('acmart-sample-sigconf.pdf'),
      timeoutMs: 1,
    });
    await expect(slow).rejects.toThrow('took too long');
    // the pool still works afterwards
    const raw = await probePdf('rev.pdf', readFileSync(fixture('revtex-apssamp.pdf')));
    expect(raw.numPages).toBe(7);
  });

  it('keeps two threads at most, and no more than the processors it may use', () => {
    expect(pdfWorkerLimit(1)).toBe(1);
    expect(pdfWorkerLimit(2)).toBe(2);
    expect(pdfWorkerLimit(16)).toBe(2);
    // a container that reports no usable processor still gets one thread
    expect(pdfWorkerLimit(0)).toBe(1);
  });
});
