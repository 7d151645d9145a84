// Online features: add by identifier, pending identifiers, metadata refresh, feeds, settings.
// Every call that may make a network request is a mutation, so the web host only accepts it
// from the app's own origin.
import { z } from 'zod';
import type { Item } from '../domain/item';
import {
  type AddByIdResult,
  type Feed,
  type FeedEntry,
  ONLINE_SERVICES,
  type OnlineSettings,
  type PendingIdentifier,
  type RefreshProposal,
} from '../domain/online';
import { mutation, query } from './define';
import { Id, Ids, Text } from './schemas';

const HttpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s), 'must be an http:// or https:// URL');

const Email = z.union([z.literal(''), z.string().trim().max(200).email('not an email address')]);

export const OnlineSettingsPatch = z
  .object({
    enabled: z.boolean(),
    contactEmail: Email,
    baseUrls: z.partialRecord(z.enum(ONLINE_SERVICES), HttpUrl),
    arxivIntervalMs: z.number().int().min(0).max(60_000),
    timeoutMs: z.number().int().min(100).max(300_000),
    retries: z.number().int().min(0).max(5),
    feedIntervalHours: z.number().min(0.25).max(168),
  })
  .partial()
  .strict();

export interface FeedEntryPage {
  total: number;
  entries: FeedEntry[];
}

export interface AddedFromEntry {
  itemId: number;
  /** False when the entry was already in the library. */
  created: boolean;
  pdf?: { ok: true; attachmentId: number } | { ok: false; reason: string };
}

export const onlineCalls = {
  'online.settings.get': query<OnlineSettings>()(z.object({})),
  'online.settings.set': mutation<OnlineSettings>()(OnlineSettingsPatch),

  /** Parses pasted text (one or many identifiers) and adds what it can; the rest is pending. */
  'online.addByIds': mutation<AddByIdResult>()(
    z.object({
      text: Text(100_000).trim().min(1, 'paste at least one identifier'),
      downloadPdf: z.boolean().default(false),
    }),
  ),
  'online.pending.list': query<PendingIdentifier[]>()(z.object({})),
  /** Retries all pending identifiers, or the ones named. */
  'online.pending.retry': mutation<AddByIdResult>()(z.object({ ids: Ids.optional() })),
  'online.pending.dismiss': mutation<number>()(z.object({ ids: Ids })),

  /** Fetches current metadata for an item with a DOI or arXiv id; changes nothing. */
  'online.refresh.fetch': mutation<RefreshProposal>()(z.object({ itemId: Id })),
  /** Applies only the named fields (`title`, `creators`, `fields.volume`…) of a proposal. */
  'online.refresh.apply': mutation<Item>()(
    z.object({
      proposalId: z.string().uuid(),
      fields: z
        .array(z.string().regex(/^(?:[a-z]+|fields\.[a-z][a-z0-9_+:.-]{0,63})$/i, 'invalid field'))
        .min(1, 'choose at least one field')
        .max(500),
    }),
  ),

  'feeds.list': query<Feed[]>()(z.object({})),
  'feeds.subscribe': mutation<Feed>()(z.object({ url: HttpUrl, title: Text(500).default('') })),
  'feeds.unsubscribe': mutation<number>()(z.object({ id: Id })),
  /** Refreshes all feeds, or the ones named; a failing feed keeps its entries and its error. */
  'feeds.refresh': mutation<Feed[]>()(z.object({ ids: Ids.optional() })),
  'feeds.entries': query<FeedEntryPage>()(
    z.object({
      feedId: Id.optional(),
      unreadOnly: z.boolean().default(false),
      includeHidden: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(200),
    }),
  ),
  'feeds.mark': mutation<number>()(
    z
      .object({ entryIds: Ids, read: z.boolean().optional(), hidden: z.boolean().optional() })
      .refine((v) => v.read !== undefined || v.hidden !== undefined, 'say read or hidden'),
  ),
  'feeds.addToLibrary': mutation<AddedFromEntry>()(
    z.object({ entryId: Id, pdf: z.enum(['none', 'link', 'download']).default('link') }),
  ),
};
