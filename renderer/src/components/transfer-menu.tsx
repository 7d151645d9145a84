// The File menu (Import…, Paste listing…, Export…, Copy as BibTeX), drag and drop of files onto
// the window, and the dialogs they open. Import and export run in the engine; this file only
// reads the user's files and shows what happened.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Collection } from '../../../shared/domain/library';
import { exportItems, importFile, importPasted, type OnDuplicate } from '../api/transfer';
import { useAfterFirstPaint } from '../hooks/use-after-first-paint';
import { useFileDrop } from '../hooks/use-file-drop';
import { ExportDialog } from './export-dialog';
import { ImportDialog } from './import-dialog';
import { ImportReportDialog, type FileOutcome } from './import-report-dialog';
import { PasteListingDialog } from './paste-listing-dialog';

interface Props {
  selectedIds: number[];
  collections: Collection[];
  currentCollectionId: number | null;
  onError(message: string): void;
  onImported?(itemIds: number[]): void;
  /** Lets other places (the first-run screen) open the same dialogs as the File menu. */
  actions?: Ref<TransferActions>;
}

export interface TransferActions {
  /** File → Import…: the file picker, then the import dialog. */
  chooseFiles(): void;
  /** File → Paste listing…. */
  pasteListing(): void;
}

export const IMPORT_ACCEPT = '.bib,.biblatex,.ris,.json,.xml,.enw,.nbib,.medline,.txt,.refer';

export function TransferMenu({
  selectedIds,
  collections,
  currentCollectionId,
  onError,
  onImported,
  actions,
}: Props) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [files, setFiles] = useState<File[] | null>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [outcomes, setOutcomes] = useState<FileOutcome[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const painted = useAfterFirstPaint();
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const dragging = useFileDrop((dropped) => setFiles(dropped));
  useImperativeHandle(actions, () => ({
    chooseFiles: () => input.current?.click(),
    pasteListing: () => setPasteOpen(true),
  }));

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: Event) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)
      )
        setMenuOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);

  const finish = (list: FileOutcome[]) => {
    setOutcomes(list);
    const ids = list.flatMap((o) => o.report?.itemIds ?? []);
    if (ids.length) onImported?.(ids);
  };

  // One call (one transaction) per file, one after the other, so the reports stay in order.
  async function runImport(chosen: File[], onDuplicate: OnDuplicate) {
    setFiles(null);
    setBusy(true);
    setStatus(`Importing ${chosen.length} file${chosen.length === 1 ? '' : 's'}…`);
    const list: FileOutcome[] = [];
    for (const f of chosen) {
      try {
        list.push({ file: f.name, report: await importFile(f, onDuplicate) });
      } catch (e) {
        list.push({ file: f.name, error: (e as Error).message });
      }
    }
    setBusy(false);
    setStatus('');
    finish(list);
  }

  function runPaste(text: string, onDuplicate: OnDuplicate) {
    setBusy(true);
    // Detected from content, so a pasted BibTeX or RIS record imports as such; prose is a listing.
    importPasted(text, 'pasted listing', onDuplicate)
      .then((report) => {
        setPasteOpen(false);
        finish([{ file: 'pasted listing', report }]);
      })
      .catch((e: unknown) => {
        setPasteOpen(false);
        finish([{ file: 'pasted listing', error: (e as Error).message }]);
      })
      .finally(() => setBusy(false));
  }

  function copyBibtex() {
    if (!selectedIds.length) return;
    exportItems('bibtex', { kind: 'selection', ids: selectedIds })
      .then((text) => navigator.clipboard.writeText(text))
      .then(() =>
        setStatus(
          `Copied BibTeX of ${selectedIds.length} item${selectedIds.length === 1 ? '' : 's'}`,
        ),
      )
      .catch((e: unknown) => onError(`Copy as BibTeX failed: ${(e as Error).message}`));
  }

  const item = (label: string, action: () => void, disabled = false) => (
    <button
      type="button"
      role="menuitem"
      disabled={disabled}
      onClick={() => {
        setMenuOpen(false);
        action();
      }}
    >
      {label}
    </button>
  );

  return (
    <>
      <div className="menu" ref={menu}>
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
        >
          File
        </button>
        {menuOpen ? (
          <div
            role="menu"
            aria-label="File"
            className="menu-list"
            ref={(el) =>
              el?.querySelector<HTMLButtonElement>('[role=menuitem]:not(:disabled)')?.focus()
            }
            onKeyDown={(e) => {
              // Arrow keys move between the menu's enabled items, as in a native menu.
              if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
              e.preventDefault();
              const items = [
                ...e.currentTarget.querySelectorAll<HTMLButtonElement>(
                  '[role=menuitem]:not(:disabled)',
                ),
              ];
              const at = items.indexOf(document.activeElement as HTMLButtonElement);
              const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
              items[next]?.focus();
            }}
          >
            {item('Import…', () => input.current?.click())}
            {item('Paste listing…', () => setPasteOpen(true))}
            {item('Export…', () => setExportOpen(true))}
            {item('Copy as BibTeX', copyBibtex, !selectedIds.length)}
          </div>
        ) : null}
        <input
          ref={input}
          type="file"
          multiple
          accept={IMPORT_ACCEPT}
          hidden
          aria-label="Files to import"
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            if (chosen.length) setFiles(chosen);
          }}
        />
      </div>
      {status || busy ? (
        <span className="transfer-status" role="status">
          {status}
        </span>
      ) : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop .bib, .ris, .json, .xml, .enw or .nbib files to import them; PDFs on the list become
          new items, on an item’s attachments they are attached
        </div>
      ) : null}
      {/* closed dialogs, off the first screen: two of them autofocus a control, and React's
          focus() on mount forced a style and layout pass in the middle of the first commit */}
      {painted ? (
        <>
          <ImportDialog
            files={files}
            onCancel={() => setFiles(null)}
            onImport={(d) => void runImport(files ?? [], d)}
          />
          <PasteListingDialog
            open={pasteOpen}
            busy={busy}
            onCancel={() => setPasteOpen(false)}
            onImport={runPaste}
          />
          <ImportReportDialog outcomes={outcomes} onClose={() => setOutcomes(null)} />
          <ExportDialog
            open={exportOpen}
            onClose={() => setExportOpen(false)}
            selectedIds={selectedIds}
            collections={collections}
            currentCollectionId={currentCollectionId}
          />
        </>
      ) : null}
    </>
  );
}
