import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CallInput } from '../../../shared/api/contract';
import { ITEM_TYPES, type Item } from '../../../shared/domain/item';
import { formatTypedName, parseTypedName } from '../../../shared/domain/names';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import type { Note, Tag } from '../../../shared/domain/library';
import { FieldInput } from './field-input';
import { ItemAttachments } from './item-attachments';
import type { ReaderTarget } from './reader-target';
import { NotesList } from './notes-list';
import { ReadingControls } from './reading-controls';
import { TagEditor } from './tag-editor';
import { visibleFields } from '../../../shared/domain/fields';
import { dateProblem, doiProblem } from '../../../shared/domain/field-checks';

interface Props {
  itemId: number | null;
  onError(message: string): void;
  allTags: Tag[];
  onOpenNote(note: Note): void;
  onOpenPdf(target: ReaderTarget): void;
  /** The item no longer exists (purged elsewhere, or a backup without it was restored). */
  onGone?(id: number): void;
  /** Sections other features add for the loaded item (citing, related items). */
  children?: ReactNode;
}

type Patch = CallInput<'items.update'>['patch'];

/**
 * The right-hand pane: every field of the selected item, editable in place. An item in the
 * Trash is shown read-only, as in Zotero: it has to be restored before it is changed.
 */
export function ItemPane({
  itemId,
  onError,
  allTags,
  onOpenNote,
  onOpenPdf,
  onGone,
  children,
}: Props) {
  const [item, setItem] = useState<Item | null>(null);
  // Answers arrive out of order: a slow items.get, or the save of an edit made just before
  // another row was clicked, can land after the new item's. Only the selected item's answer
  // may take the pane, or the next edit would go to the item selected before.
  const selected = useRef(itemId);
  selected.current = itemId;
  const show = useCallback((it: Item) => {
    if (it.id === selected.current) setItem(it);
  }, []);

  const load = useCallback(() => {
    if (itemId === null) {
      setItem(null);
      return;
    }
    invoke('items.get', { id: itemId })
      .then(show)
      .catch((e: unknown) => {
        // Not an error the user can act on: the pane would otherwise keep the old item on
        // screen, and its next edit would fail (or go to another item given the same id).
        if ((e as { code?: string }).code === 'not_found') {
          if (itemId === selected.current) setItem(null);
          onGone?.(itemId);
        } else onError((e as Error).message);
      });
  }, [itemId, onError, onGone, show]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (itemId !== null && (!e.ids || e.ids.includes(itemId))) load();
  });

  if (itemId === null || item === null) {
    return (
      <aside className="item-pane" aria-label="Item details">
        <p className="empty-note">Select an item to see its details.</p>
      </aside>
    );
  }

  const save = (patch: Patch) => {
    invoke('items.update', { id: item.id, patch })
      .then(show)
      .catch((e: unknown) => onError((e as Error).message));
  };
  const trashed = item.deletedAt !== null;
  const act = (name: 'items.trash' | 'items.restore' | 'items.purge') => {
    invoke(name, { ids: [item.id] }).catch((e: unknown) => onError((e as Error).message));
  };
  const types: string[] = ITEM_TYPES.includes(item.type as (typeof ITEM_TYPES)[number])
    ? [...ITEM_TYPES]
    : [item.type, ...ITEM_TYPES];

  return (
    <aside className="item-pane" aria-label="Item details">
      {trashed ? (
        <div className="trash-banner" role="status">
          This item is in the Trash, so it cannot be edited. Restore it to make changes.
          <button type="button" onClick={() => act('items.restore')}>
            Restore to Library
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete “${item.title}” permanently? This cannot be undone.`))
                act('items.purge');
            }}
          >
            Delete Permanently
          </button>
        </div>
      ) : null}
      {item.reviewNeeded && !trashed ? (
        <p className="review-banner" role="note">
          Read from a PDF without reliable metadata: please check the title and authors.{' '}
          <button
            type="button"
            onClick={() =>
              invoke('attachments.confirmMetadata', { itemId: item.id })
                .then(load)
                .catch((e: unknown) => onError((e as Error).message))
            }
          >
            Mark as checked
          </button>
        </p>
      ) : null}
      {!trashed ? <ReadingControls item={item} /> : null}
      <div className="field">
        <label htmlFor="field-type">Item type</label>
        <select
          id="field-type"
          value={item.type}
          disabled={trashed}
          onChange={(e) => save({ type: e.target.value })}
        >
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <FieldInput
        label="Title"
        value={item.title}
        readOnly={trashed}
        multiline
        enterCommits
        onCommit={(title) => save({ title })}
      />
      <FieldInput
        label="Authors"
        value={item.creators.map(formatTypedName).join('\n')}
        readOnly={trashed}
        multiline
        onCommit={(text) =>
          save({
            creators: text
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .map((l) => parseTypedName(l)),
          })
        }
      />
      <FieldInput
        label="Date"
        value={item.date}
        readOnly={trashed}
        warning={dateProblem(item.date)}
        onCommit={(date) => save({ date })}
      />
      <FieldInput
        label="Venue"
        value={item.venue}
        readOnly={trashed}
        onCommit={(venue) => save({ venue })}
      />
      <FieldInput
        label="DOI"
        value={item.doi}
        readOnly={trashed}
        warning={doiProblem(item.doi)}
        onCommit={(doi) => save({ doi })}
      />
      <FieldInput
        label="URL"
        value={item.url}
        readOnly={trashed}
        onCommit={(url) => save({ url })}
      />
      <FieldInput
        label="Abstract"
        value={item.abstract}
        readOnly={trashed}
        multiline
        onCommit={(abstract) => save({ abstract })}
      />
      <FieldInput label="Citation key" value={item.citationKey} readOnly onCommit={() => {}} />
      {visibleFields(item.fields).length > 0 ? (
        <details className="extra-fields">
          <summary>Other fields ({visibleFields(item.fields).length})</summary>
          {visibleFields(item.fields).map(([k, v]) => (
            <FieldInput
              key={k}
              label={k}
              value={v}
              readOnly={trashed}
              onCommit={(value) => save({ fields: { ...item.fields, [k]: value } })}
            />
          ))}
        </details>
      ) : null}
      {!trashed ? <ItemAttachments itemId={item.id} onOpen={onOpenPdf} onError={onError} /> : null}
      <TagEditor itemId={item.id} tags={item.tags} allTags={allTags} readOnly={trashed} />
      <NotesList itemId={item.id} onOpen={onOpenNote} readOnly={trashed} />
      {children}
      <p className="dates">
        Added {new Date(item.dateAdded).toLocaleString()} · Modified{' '}
        {new Date(item.dateModified).toLocaleString()}
      </p>
      {!trashed ? (
        <button type="button" className="danger" onClick={() => act('items.trash')}>
          Move to Trash
        </button>
      ) : null}
    </aside>
  );
}
