// The one list of calls between the renderer and the engine. Each domain keeps its own map;
// this file merges them, so adding a feature means adding one map and one line here.
import type { z } from 'zod';
import { mergeCalls, type CallSpec } from './define';
import { itemCalls } from './items';
import { libraryCalls } from './library';
import { collectionCalls } from './collections';
import { noteCalls } from './notes';
import { onlineCalls } from './online';
import { organiseCalls } from './organise';
import { tagCalls } from './tags';
import { pdfCalls } from './pdf';
import { transferCalls } from './transfer';

export const contract = mergeCalls(
  itemCalls,
  libraryCalls,
  transferCalls,
  collectionCalls,
  tagCalls,
  noteCalls,
  organiseCalls,
  pdfCalls,
  onlineCalls,
);

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** What a caller passes (defaults not yet applied). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> =
  Contract[N] extends CallSpec<z.ZodType, infer O> ? O : never;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
