import { useCallback, useEffect, useState } from 'react';
import type { AutoExport } from '../../../shared/domain/autoexport';
import type { Collection, ItemView, SavedSearch } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { askText } from '../components/dialogs';
import { useEngineEvent } from './use-engine-event';

/**
 * Smart collections and auto-export bindings for the sidebar, refetched whenever the library
 * changes (a smart collection's count follows every edit), with the actions on them.
 */
export function useFindAndCite(onError: (message: string) => void, enabled = true) {
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [bindings, setBindings] = useState<AutoExport[]>([]);
  const fail = useCallback((e: unknown) => onError((e as Error).message), [onError]);

  const load = useCallback(() => {
    Promise.all([invoke('savedSearches.list', {}), invoke('autoExport.list', {})])
      .then(([s, b]) => {
        setSaved(s);
        setBindings(b);
      })
      .catch(fail);
  }, [fail]);
  useEffect(() => {
    if (enabled) load();
  }, [load, enabled]);
  useEngineEvent('library.changed', load);

  const saveSearch = useCallback(
    (query: string, onSaved: (view: ItemView) => void) => {
      // the app's own dialog: window.prompt does not exist in Electron
      void askText('Save search as a smart collection', 'Name', query, 'Save').then((name) => {
        if (!name?.trim()) return;
        invoke('savedSearches.create', { name: name.trim(), query })
          .then((s) => onSaved({ kind: 'saved', id: s.id }))
          .catch(fail);
      });
    },
    [fail],
  );
  const renameSaved = useCallback(
    (s: SavedSearch) => {
      void askText(`Rename "${s.name}"`, 'Name', s.name, 'Rename').then((name) => {
        if (name?.trim() && name.trim() !== s.name) {
          invoke('savedSearches.update', { id: s.id, name: name.trim() }).catch(fail);
        }
      });
    },
    [fail],
  );
  const deleteSaved = useCallback(
    (s: SavedSearch, onDeleted: () => void) => {
      if (
        !window.confirm(`Delete the smart collection “${s.name}”? Its items stay in the library.`)
      )
        return;
      invoke('savedSearches.delete', { id: s.id }).then(onDeleted).catch(fail);
    },
    [fail],
  );

  const addExport = useCallback(
    (view: ItemView, collections: Collection[]) => {
      const collectionId = view.kind === 'collection' ? view.id : null;
      const what =
        collectionId === null
          ? 'the whole library'
          : `the collection “${collections.find((c) => c.id === collectionId)?.name ?? ''}”`;
      void askText(
        `Keep ${what} exported to a .bib file`,
        'Full path of the .bib file',
        '',
        'Keep exported',
      ).then((path) => {
        if (!path?.trim()) return;
        const format = path.trim().toLowerCase().endsWith('.biblatex') ? 'biblatex' : 'bibtex';
        invoke('autoExport.create', { collectionId, path: path.trim(), format }).catch(fail);
      });
    },
    [fail],
  );
  const runExport = useCallback(
    (b: AutoExport) => {
      invoke('autoExport.run', { ids: [b.id] }).catch(fail);
    },
    [fail],
  );
  const removeExport = useCallback(
    (b: AutoExport) => {
      if (!window.confirm(`Stop keeping ${b.path} up to date? The file itself stays.`)) return;
      invoke('autoExport.delete', { id: b.id }).catch(fail);
    },
    [fail],
  );

  return {
    saved,
    bindings,
    saveSearch,
    renameSaved,
    deleteSaved,
    addExport,
    runExport,
    removeExport,
  };
}
