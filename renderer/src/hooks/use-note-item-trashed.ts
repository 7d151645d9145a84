import { useEffect, useState } from 'react';
import type { Note } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';

/**
 * Whether the open note belongs to an item in the Trash; undefined while that is being looked
 * up. The editor asks the engine itself because not every opener knows: the Notes view's
 * search lists item notes without their item. The answer is kept per opened note object, so
 * reopening a note after its item was restored asks again.
 */
export function useNoteItemTrashed(note: Note | null): boolean | undefined {
  const [answer, setAnswer] = useState<{ note: Note; trashed: boolean } | null>(null);
  useEffect(() => {
    if (note === null || note.itemId === null) return;
    let current = true;
    run(invoke('items.get', { id: note.itemId }), (item) => {
      if (current) setAnswer({ note, trashed: item.deletedAt !== null });
    });
    return () => {
      current = false;
    };
  }, [note]);
  if (note === null || note.itemId === null) return false;
  return answer?.note === note ? answer.trashed : undefined;
}
