// Import and export as the UI uses them, over the `import.*` / `export.*` contract calls.
import type { CallInput } from '../../../shared/api/contract';
import type { FormatInfo } from '../../../shared/api/transfer';
import type { ImportReport } from '../../../shared/domain/import';
import { invoke } from './client';

export type { FormatInfo };
export type OnDuplicate = NonNullable<CallInput<'import.text'>['onDuplicate']>;
export type ExportScope =
  { kind: 'library' } | { kind: 'selection'; ids: number[] } | { kind: 'collection'; id: number };

/** Largest file sent in one call; the contract caps text at 256 MB. */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** Imports one file. Its raw bytes go to the engine, which detects the encoding and format. */
export async function importFile(file: File, onDuplicate: OnDuplicate): Promise<ImportReport> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error(`${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return invoke('import.text', { base64: toBase64(bytes), fileName: file.name, onDuplicate });
}

/** Imports pasted text, in a given format or detected from the content. */
export async function importPasted(
  text: string,
  fileName: string,
  onDuplicate: OnDuplicate,
  format?: string,
): Promise<ImportReport> {
  return invoke('import.text', { text, fileName, onDuplicate, format });
}

export async function exportFormats(): Promise<FormatInfo[]> {
  return invoke('export.formats', {});
}

export async function exportItems(format: string, scope: ExportScope): Promise<string> {
  return invoke('export.items', { format, scope });
}

/** Offers `text` as a file download (the browser's or Electron's save flow). */
export function download(text: string, fileName: string, mime = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
