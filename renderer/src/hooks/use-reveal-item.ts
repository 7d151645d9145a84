import { useEffect, useState, type RefObject } from 'react';
import type { CallInput } from '../../../shared/api/contract';
import { invoke } from '../api/client';
import type { ItemTableHandle } from '../components/item-table';
import { run } from '../lib/run';

type Query = Omit<CallInput<'items.indexOf'>, 'id'>;

/**
 * Shows an item picked outside the table (a related paper) where the table shows it selected:
 * in this view when it is there, else in the unfiltered Library, scrolled to. Selecting it in
 * place left the pane on an item the table did not show, where Delete would trash it unseen.
 */
export function useRevealItem(
  query: Query,
  toLibrary: () => void,
  select: (id: number) => void,
  table: RefObject<ItemTableHandle | null>,
): (id: number) => void {
  const [pending, setPending] = useState<number | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (pending === null) return;
    // asked again in the view now shown: after a move to the Library, this runs for it
    run(invoke('items.indexOf', { id: pending, ...(JSON.parse(key) as Query) }), (at) => {
      if (at !== null) table.current?.scrollToRow(at);
    });
    setPending(null);
  }, [pending, key, table]);
  return (id) =>
    run(invoke('items.indexOf', { id, ...query }), (at) => {
      if (at === null) toLibrary();
      select(id);
      setPending(id);
    });
}
