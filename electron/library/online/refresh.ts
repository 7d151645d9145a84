// Metadata refresh: fetch an item's current metadata, compare it field by field, and apply only
// the fields the user picks. Nothing changes until `applyRefresh` names them.
import { randomUUID } from 'node:crypto';
import type { Creator, Item } from '../../../shared/domain/item';
import type { FieldChange, RefreshProposal } from '../../../shared/domain/online';
import { parseArxiv } from '../../../shared/domain/identifiers';
import { AppError } from '../errors';
import { own } from '../formats/own';
import { type ItemPatch, getItem, updateItem } from '../items/repo';
import type { Library } from '../library';
import { NetError } from '../net/http';
import { warmHtmlParser } from '../net/xml';
import { fetchArxiv } from './services/arxiv';
import { arxivFromDoi, fetchDoi } from './services/index';
import type { FetchedRecord, ServiceContext } from './services/types';
import { httpFor, readOnlineSettings } from './settings';

const CORE: { field: keyof Item & keyof ItemPatch; label: string }[] = [
  { field: 'type', label: 'Type' },
  { field: 'title', label: 'Title' },
  { field: 'creators', label: 'Creators' },
  { field: 'date', label: 'Date' },
  { field: 'venue', label: 'Venue' },
  { field: 'doi', label: 'DOI' },
  { field: 'url', label: 'URL' },
  { field: 'abstract', label: 'Abstract' },
];

const PROPOSAL_TTL_MS = 30 * 60 * 1000;

interface Stored {
  itemId: number;
  record: FetchedRecord;
  expires: number;
}

const proposals = new WeakMap<Library, Map<string, Stored>>();

function store(lib: Library, itemId: number, record: FetchedRecord): string {
  let map = proposals.get(lib);
  if (!map) {
    map = new Map();
    proposals.set(lib, map);
  }
  const t = Date.now();
  for (const [k, v] of map) if (v.expires < t) map.delete(k);
  const id = randomUUID();
  map.set(id, { itemId, record, expires: t + PROPOSAL_TTL_MS });
  return id;
}

export function creatorsDisplay(creators: readonly Creator[]): string {
  return creators
    .map((c) => {
      const name =
        c.literal ||
        [[c.prefix, c.family].filter(Boolean).join(' '), c.given].filter(Boolean).join(', ');
      return c.role === 'author' ? name : `${name} (${c.role})`;
    })
    .join('; ');
}

export function compareItem(item: Item, incoming: FetchedRecord['item']): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { field, label } of CORE) {
    const cur = field === 'creators' ? creatorsDisplay(item.creators) : String(item[field] ?? '');
    const raw = incoming[field as keyof typeof incoming];
    const inc = field === 'creators' ? creatorsDisplay(incoming.creators) : String(raw ?? '');
    if (!inc) continue;
    changes.push({ field, label, current: cur, incoming: inc, same: cur === inc });
  }
  for (const [k, v] of Object.entries(incoming.fields)) {
    const cur = item.fields[k] ?? '';
    changes.push({ field: `fields.${k}`, label: k, current: cur, incoming: v, same: cur === v });
  }
  return changes;
}

function arxivIdOf(item: Item): { id: string; version?: string } | null {
  if (item.fields.eprint && (item.fields.eprinttype ?? '').toLowerCase() === 'arxiv') {
    return parseArxiv(item.fields.eprint);
  }
  const fromDoi = arxivFromDoi(item.doi);
  if (fromDoi) return parseArxiv(fromDoi);
  return /arxiv\.org\/(abs|pdf)\//i.test(item.url) ? parseArxiv(item.url) : null;
}

export async function fetchRefresh(lib: Library, itemId: number): Promise<RefreshProposal> {
  const item = getItem(lib.db, itemId);
  const settings = readOnlineSettings(lib.db);
  const ctx: ServiceContext = { http: httpFor(lib, settings), settings };
  const arxiv = arxivIdOf(item);
  if (settings.enabled) await warmHtmlParser();
  let record: FetchedRecord;
  let source: string;
  if (item.doi && !arxivFromDoi(item.doi)) {
    record = await fetchDoi(ctx, item.doi);
    source = `${record.source} doi:${item.doi}`;
  } else if (arxiv) {
    // The latest version: a refresh is for catching up, not for the version first saved.
    const found = (await fetchArxiv(ctx, [{ id: arxiv.id }])).get(arxiv.id);
    if (!found || found instanceof NetError)
      throw found ?? new NetError('not_found', `arXiv has no paper ${arxiv.id}`);
    record = found;
    source = `arXiv ${arxiv.id}`;
  } else {
    throw new AppError(
      'invalid_input',
      'This item has no DOI or arXiv id to refresh its metadata from.',
    );
  }
  const proposal: RefreshProposal = {
    proposalId: store(lib, itemId, record),
    itemId,
    source,
    changes: compareItem(item, record.item),
  };
  if (record.publishedDoi && !arxivFromDoi(record.publishedDoi)) {
    try {
      const pub = await fetchDoi(ctx, record.publishedDoi);
      proposal.published = {
        proposalId: store(lib, itemId, pub),
        itemId,
        source: `${pub.source} doi:${record.publishedDoi}`,
        changes: compareItem(item, pub.item),
        journalRef: record.journalRef ?? '',
      };
    } catch (e) {
      // The preprint's own refresh still stands; the published version is an extra offer.
      if (!(e instanceof NetError)) throw e;
    }
  }
  return proposal;
}

/** Applies only the chosen fields of a proposal; returns the updated item. */
export function applyRefresh(lib: Library, proposalId: string, fields: readonly string[]): Item {
  const stored = proposals.get(lib)?.get(proposalId);
  if (!stored || stored.expires < Date.now()) {
    throw new AppError('not_found', 'This metadata comparison has expired; fetch it again.');
  }
  const incoming = stored.record.item;
  const item = getItem(lib.db, stored.itemId);
  const patch: ItemPatch = {};
  const extra = { ...item.fields };
  let extraChanged = false;
  for (const f of fields) {
    if (f.startsWith('fields.')) {
      const k = f.slice('fields.'.length);
      // own only: `fields.constructor` must not find the function every object inherits
      const v = own(incoming.fields, k);
      if (v === undefined)
        throw new AppError('invalid_input', `The fetched metadata has no field ${k}`);
      extra[k] = v;
      extraChanged = true;
      continue;
    }
    const core = CORE.find((c) => c.field === f);
    if (!core) throw new AppError('invalid_input', `Unknown field ${f}`);
    if (f === 'creators') patch.creators = incoming.creators;
    else (patch as Record<string, unknown>)[f] = incoming[f as keyof typeof incoming] ?? '';
  }
  if (extraChanged) patch.fields = extra;
  const changed = lib.write(() => updateItem(lib.db, stored.itemId, patch));
  if (changed) lib.changed(['items'], [stored.itemId]);
  proposals.get(lib)?.delete(proposalId);
  return getItem(lib.db, stored.itemId);
}
