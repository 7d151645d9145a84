// Every domain's handlers, merged into the one map the hosts serve. The `Handlers` type makes
// a contract call without a handler a compile error; the merge makes a double registration a
// start-up error.
import { itemHandlers } from './items';
import { libraryHandlers } from './library';
import { pdfHandlers } from './pdf';
import { collectionHandlers } from './collections';
import { noteHandlers } from './notes';
import { onlineHandlers } from './online';
import { organiseHandlers } from './organise';
import { tagHandlers } from './tags';
import { transferHandlers } from './transfer';
import type { Handlers } from './types';

function mergeHandlers(...maps: object[]): Handlers {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, fn] of Object.entries(map)) {
      if (name in out) throw new Error(`handler registered twice: ${name}`);
      out[name] = fn;
    }
  }
  return out as Handlers;
}

export const handlers: Handlers = mergeHandlers(
  itemHandlers,
  libraryHandlers,
  transferHandlers,
  pdfHandlers,
  collectionHandlers,
  tagHandlers,
  noteHandlers,
  organiseHandlers,
  onlineHandlers,
);

export type { Handlers } from './types';
