import type { ItemView, SavedSearch } from '../../../shared/domain/library';

interface Props {
  saved: SavedSearch[];
  view: ItemView;
  onView(view: ItemView): void;
  onRename(s: SavedSearch): void;
  onDelete(s: SavedSearch): void;
}

/** Saved queries in the sidebar; their counts and contents follow the library live. */
export function SmartCollections({ saved, view, onView, onRename, onDelete }: Props) {
  return (
    <section aria-labelledby="smart-heading">
      <h2 id="smart-heading">Smart collections</h2>
      {saved.length === 0 ? <p className="hint">Save a search to make one.</p> : null}
      <ul aria-label="Smart collections">
        {saved.map((s) => {
          const active = view.kind === 'saved' && view.id === s.id;
          return (
            <li key={s.id} className="with-actions">
              <button
                type="button"
                className={active ? 'active' : ''}
                aria-current={active ? 'page' : undefined}
                title={s.query}
                onClick={() => onView({ kind: 'saved', id: s.id })}
                onDoubleClick={() => onRename(s)}
              >
                {s.name} <span className="count">{s.itemCount}</span>
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Delete smart collection ${s.name}`}
                onClick={() => onDelete(s)}
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
