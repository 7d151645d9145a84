import { useEffect, useState } from 'react';
import type { Collection } from '../../../shared/domain/library';
import {
  download,
  exportFormats,
  exportItems,
  type ExportScope,
  type FormatInfo,
} from '../api/transfer';
import { useModal } from '../hooks/use-modal';

interface Props {
  open: boolean;
  onClose(): void;
  selectedIds: number[];
  collections: Collection[];
  /** The collection being viewed, offered first. */
  currentCollectionId: number | null;
}

type ScopeKind = ExportScope['kind'];

const MIME: Record<string, string> = {
  json: 'application/json',
  ris: 'application/x-research-info-systems',
};

/** Export the selection, a collection or the whole library as a file in one format. */
export function ExportDialog({
  open,
  onClose,
  selectedIds,
  collections,
  currentCollectionId,
}: Props) {
  const ref = useModal(open);
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [format, setFormat] = useState('bibtex');
  const [kind, setKind] = useState<ScopeKind>('library');
  const [collectionId, setCollectionId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setKind(
      selectedIds.length ? 'selection' : currentCollectionId !== null ? 'collection' : 'library',
    );
    setCollectionId(currentCollectionId ?? collections[0]?.id ?? null);
    exportFormats()
      .then((f) => {
        setFormats(f);
        setFormat((cur) => (f.some((x) => x.id === cur) ? cur : (f[0]?.id ?? cur)));
      })
      .catch((e: unknown) => setError((e as Error).message));
    // Only when the dialog opens: later selection changes must not reset the user's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  function scope(): ExportScope | null {
    if (kind === 'selection') return selectedIds.length ? { kind, ids: selectedIds } : null;
    if (kind === 'collection') return collectionId !== null ? { kind, id: collectionId } : null;
    return { kind: 'library' };
  }

  function submit() {
    const s = scope();
    const info = formats.find((f) => f.id === format);
    if (!s || !info) return;
    setBusy(true);
    exportItems(format, s)
      .then((text) => {
        const base =
          s.kind === 'collection'
            ? (collections.find((c) => c.id === s.id)?.name ?? 'collection')
            : s.kind === 'selection'
              ? 'selection'
              : 'library';
        const ext = info.extensions[0] ?? 'txt';
        download(text, `${base.replace(/[^\p{L}\p{N} _-]+/gu, '_')}.${ext}`, MIME[ext]);
        onClose();
      })
      .catch((e: unknown) => setError((e as Error).message))
      .finally(() => setBusy(false));
  }

  return (
    <dialog ref={ref} aria-labelledby="export-title" onClose={onClose} className="dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="export-title">Export</h2>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="choice">
          <legend>Items</legend>
          <label className="inline">
            <input
              type="radio"
              name="scope"
              checked={kind === 'selection'}
              disabled={!selectedIds.length}
              onChange={() => setKind('selection')}
            />
            Selected items ({selectedIds.length})
          </label>
          <label className="inline">
            <input
              type="radio"
              name="scope"
              checked={kind === 'collection'}
              disabled={!collections.length}
              onChange={() => setKind('collection')}
            />
            Collection
          </label>
          {kind === 'collection' ? (
            <select
              aria-label="Collection"
              value={collectionId ?? ''}
              onChange={(e) => setCollectionId(Number(e.target.value))}
            >
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : null}
          <label className="inline">
            <input
              type="radio"
              name="scope"
              checked={kind === 'library'}
              onChange={() => setKind('library')}
            />
            Whole library
          </label>
        </fieldset>
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !scope() || !formats.length}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
