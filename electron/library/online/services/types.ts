import type { Creator } from '../../../../shared/domain/item';
import type { OnlineSettings } from '../../../../shared/domain/online';
import type { NewItem } from '../../items/repo';
import type { HttpClient } from '../../net/http';

/** Metadata one service returned for one identifier, already mapped to an item. */
export interface FetchedRecord {
  item: NewItem & {
    type: string;
    title: string;
    creators: Creator[];
    fields: Record<string, string>;
  };
  /** `Crossref`, `DataCite`, `arXiv`, `Open Library`, `PubMed`. */
  source: string;
  /** Where the PDF can be downloaded (arXiv). */
  pdfUrl?: string;
  /** arXiv: the published version, when the authors recorded one. */
  journalRef?: string;
  publishedDoi?: string;
}

export interface ServiceContext {
  http: HttpClient;
  settings: OnlineSettings;
}

export function person(family: string, given = '', role: Creator['role'] = 'author'): Creator {
  return { role, family: family.trim(), given: given.trim(), prefix: '', suffix: '', literal: '' };
}

export function organisation(name: string, role: Creator['role'] = 'author'): Creator {
  return { role, family: '', given: '', prefix: '', suffix: '', literal: name.trim() };
}

/** "Ada Lovelace" → family Lovelace, given Ada; "Lovelace, Ada" → the same. */
export function splitName(name: string, role: Creator['role'] = 'author'): Creator {
  const n = name.replace(/\s+/g, ' ').trim();
  if (n.includes(',')) {
    const [family, ...rest] = n.split(',');
    return person(family ?? '', rest.join(',').trim(), role);
  }
  const parts = n.split(' ');
  if (parts.length === 1) return person(n, '', role);
  return person(parts.at(-1)!, parts.slice(0, -1).join(' '), role);
}

/** Drops empty values so items do not carry blank extra fields. */
export function compact(fields: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v && v.trim()) out[k] = v.trim();
  return out;
}

export function str(x: unknown): string {
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '';
}
