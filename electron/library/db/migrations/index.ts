import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';
import * as m0040 from './0040-cite-and-auto-export';
import * as m0020 from './0020-organise';
import * as m0021 from './0021-unfiled';
import * as m0060 from './0060-online';
import * as m0070 from './0070-view-counts';
import * as m0085 from './0085-export-cache';
import * as m0090 from './0090-attachment-count';
import * as m0095 from './0095-export-entries';
import * as m0105 from './0105-auto-export-durable';
import * as m0110 from './0110-items-fts-prefix';
import * as m0115 from './0115-items-fts-five-letter-prefixes';
import * as m0120 from './0120-items-fts-visible-fields';
import * as m0125 from './0125-items-doi-url';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

// Ordered list. Versions must grow; gaps are allowed so parallel work can reserve ranges
// (import/export 10–19, organising 20–29, PDFs 30–39, search 40–49, safety 50–59, online 60–69,
// performance 70–79, export cache 85–89, engine latency 90–94, export entries 95, auto-export durability 105–109,
// search 110–114, 120–124, DOI lookup 125). Once a version is released its
// list is final: later migrations always take a number above the highest released one, or an
// existing library would skip them.
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0020,
  m0021,
  m0040,
  m0060,
  m0070,
  m0085,
  m0090,
  m0095,
  m0105,
  m0110,
  m0115,
  m0120,
  m0125,
];
