// Downloaded PDFs are stored by the attachments module (attachToItem); this is only the check
// that a download is a PDF at all, made before anything is handed over.
import { AppError } from '../errors';

/** A download that is not a PDF (a captcha page, an error page) is refused before storing. */
export function assertPdf(bytes: Buffer): void {
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
    throw new AppError('parse_error', 'The download is not a PDF (no %PDF- header)');
  }
}
