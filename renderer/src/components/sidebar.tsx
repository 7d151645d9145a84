import type { Collection, ItemView, Tag } from '../../../shared/domain/library';

interface Props {
  view: ItemView;
  onView(view: ItemView): void;
  counts: { library: number; unfiled: number; trash: number };
  collections: Collection[];
  tags: Tag[];
  onNewCollection(): void;
}

function same(a: ItemView, b: ItemView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function CollectionTree({
  parentId,
  all,
  view,
  onView,
}: {
  parentId: number | null;
  all: Collection[];
  view: ItemView;
  onView(v: ItemView): void;
}) {
  const children = all.filter((c) => c.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul
      role={parentId === null ? 'tree' : 'group'}
      aria-label={parentId === null ? 'Collections' : undefined}
    >
      {children.map((c) => {
        const v: ItemView = { kind: 'collection', id: c.id };
        return (
          <li key={c.id} role="treeitem" aria-selected={same(view, v)}>
            <button
              type="button"
              className={same(view, v) ? 'active' : ''}
              onClick={() => onView(v)}
            >
              {c.name} <span className="count">{c.itemCount}</span>
            </button>
            <CollectionTree parentId={c.id} all={all} view={view} onView={onView} />
          </li>
        );
      })}
    </ul>
  );
}

/** Library views, collections and tags: where the item table's rows come from. */
export function Sidebar({ view, onView, counts, collections, tags, onNewCollection }: Props) {
  const entry = (v: ItemView, label: string, count: number) => (
    <li>
      <button
        type="button"
        className={same(view, v) ? 'active' : ''}
        aria-current={same(view, v) ? 'page' : undefined}
        onClick={() => onView(v)}
      >
        {label} <span className="count">{count}</span>
      </button>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Library">
      <ul className="views">
        {entry({ kind: 'library' }, 'My Library', counts.library)}
        {entry({ kind: 'unfiled' }, 'Unfiled', counts.unfiled)}
        {entry({ kind: 'trash' }, 'Trash', counts.trash)}
      </ul>
      <section aria-labelledby="collections-heading">
        <h2 id="collections-heading">
          Collections
          <button
            type="button"
            className="icon"
            aria-label="New collection"
            onClick={onNewCollection}
          >
            +
          </button>
        </h2>
        {collections.length === 0 ? <p className="hint">No collections yet.</p> : null}
        <CollectionTree parentId={null} all={collections} view={view} onView={onView} />
      </section>
      <section aria-labelledby="tags-heading">
        <h2 id="tags-heading">Tags</h2>
        {tags.length === 0 ? <p className="hint">No tags yet.</p> : null}
        <ul className="tags">
          {tags.map((t) => {
            const v: ItemView = { kind: 'tag', name: t.name };
            return (
              <li key={t.id}>
                <button
                  type="button"
                  className={same(view, v) ? 'active' : ''}
                  onClick={() => onView(v)}
                >
                  {t.color ? (
                    <span className="tag-dot" style={{ background: t.color }} aria-hidden />
                  ) : null}
                  {t.name} <span className="count">{t.itemCount}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </nav>
  );
}
