import type { AutoExport } from '../../../shared/domain/autoexport';
import type { Collection } from '../../../shared/domain/library';

interface Props {
  bindings: AutoExport[];
  collections: Collection[];
  onAdd(): void;
  onRun(b: AutoExport): void;
  onRemove(b: AutoExport): void;
}

function fileName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

function status(b: AutoExport): string {
  if (b.lastError) return `Error: ${b.lastError}`;
  if (b.pending) return 'Exporting…';
  if (!b.lastExport) return 'Not exported yet';
  return `Exported ${new Date(b.lastExport).toLocaleString()} · ${b.itemCount} entries`;
}

/** .bib files kept in sync with a collection or the library, with how the last export went. */
export function AutoExports({ bindings, collections, onAdd, onRun, onRemove }: Props) {
  return (
    <section aria-labelledby="autoexport-heading">
      <h2 id="autoexport-heading">
        Auto-export
        <button type="button" className="icon" aria-label="New auto-export" onClick={onAdd}>
          +
        </button>
      </h2>
      {bindings.length === 0 ? <p className="hint">No .bib files bound.</p> : null}
      <ul aria-label="Auto-exports" className="auto-exports">
        {bindings.map((b) => {
          const source =
            b.collectionId === null
              ? 'My Library'
              : (collections.find((c) => c.id === b.collectionId)?.name ?? 'Collection');
          return (
            <li key={b.id} className={b.lastError ? 'failed' : ''}>
              <div className="auto-export-name" title={b.path}>
                {source} → {fileName(b.path)}
              </div>
              <div className="auto-export-status" role="status">
                {status(b)}
              </div>
              <button
                type="button"
                onClick={() => onRun(b)}
                aria-label={`Export ${fileName(b.path)} now`}
              >
                Export now
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Remove auto-export ${fileName(b.path)}`}
                onClick={() => onRemove(b)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
