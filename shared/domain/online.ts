// Domain types of the online features: settings, pending identifiers, metadata refresh, feeds.
import type { IdentifierKind } from './identifiers';

export const ONLINE_SERVICES = ['crossref', 'datacite', 'arxiv', 'openlibrary', 'pubmed'] as const;
export type OnlineService = (typeof ONLINE_SERVICES)[number];

export interface OnlineSettings {
  /** Off: no request leaves the machine; calls that need the network fail with `offline`. */
  enabled: boolean;
  /** Sent in the User-Agent (and to Crossref/NCBI) so services can reach us instead of blocking. */
  contactEmail: string;
  baseUrls: Record<OnlineService, string>;
  /** arXiv asks for one request every three seconds. */
  arxivIntervalMs: number;
  timeoutMs: number;
  retries: number;
  /** How often the scheduler refreshes feeds and retries pending identifiers. */
  feedIntervalHours: number;
}

export const DEFAULT_ONLINE_SETTINGS: OnlineSettings = {
  enabled: true,
  contactEmail: '',
  baseUrls: {
    crossref: 'https://api.crossref.org',
    datacite: 'https://api.datacite.org',
    arxiv: 'https://export.arxiv.org',
    openlibrary: 'https://openlibrary.org',
    pubmed: 'https://eutils.ncbi.nlm.nih.gov',
  },
  arxivIntervalMs: 3_000,
  timeoutMs: 20_000,
  retries: 2,
  feedIntervalHours: 4,
};

/** Why an identifier is still pending. */
export const PENDING_REASONS = [
  'offline',
  'network',
  'timeout',
  'rate_limited',
  'server_error',
  'not_found',
  'bad_response',
  'http_error',
  'too_large',
] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

export interface PendingIdentifier {
  id: number;
  kind: IdentifierKind;
  value: string;
  version: string;
  input: string;
  reasonCode: PendingReason;
  /** Readable: "arXiv (export.arxiv.org): connection refused". */
  reason: string;
  attempts: number;
  downloadPdf: boolean;
  dateAdded: string;
  lastAttempt: string | null;
}

export interface AddedByIdentifier {
  input: string;
  itemId: number;
  title: string;
  citationKey: string;
  /** Outcome of the PDF download, when one was asked for. */
  pdf?: { ok: true; attachmentId: number } | { ok: false; reason: string };
}

export interface AddByIdResult {
  added: AddedByIdentifier[];
  /** Already in the library (same DOI, arXiv id, ISBN or PMID): nothing added. */
  existing: { input: string; itemId: number; title: string }[];
  pending: PendingIdentifier[];
  invalid: { input: string; reason: string }[];
}

export interface FieldChange {
  /** `title`, `creators`, `date`, … or `fields.volume` for an extra field. */
  field: string;
  label: string;
  current: string;
  incoming: string;
  same: boolean;
}

export interface RefreshProposal {
  proposalId: string;
  itemId: number;
  /** Where the metadata came from: `Crossref doi:10.1/x`, `arXiv 2101.00001`. */
  source: string;
  changes: FieldChange[];
  /** An arXiv preprint since published: the published version's metadata, offered separately. */
  published?: RefreshProposal & { journalRef: string };
}

export interface Feed {
  id: number;
  url: string;
  title: string;
  siteUrl: string;
  dateAdded: string;
  lastFetched: string | null;
  lastSuccess: string | null;
  /** The last refresh's error; old entries are kept when a refresh fails. */
  lastError: string | null;
  unread: number;
  total: number;
}

export interface FeedEntry {
  id: number;
  feedId: number;
  title: string;
  authors: string[];
  /** Plain text; HTML from the feed is reduced to text, never rendered. */
  summary: string;
  link: string;
  pdfUrl: string;
  doi: string;
  arxivId: string;
  published: string;
  read: boolean;
  hidden: boolean;
  /** The library item made from this entry, if any. */
  itemId: number | null;
}
