// Add by identifier: look each identifier up with the service that owns it and create complete
// items; what cannot be looked up now becomes a pending identifier with the reason.
import type { Database } from 'better-sqlite3';
import { type Identifier, parseArxiv } from '../../../shared/domain/identifiers';
import type {
  AddByIdResult,
  AddedByIdentifier,
  PendingReason,
} from '../../../shared/domain/online';
import { getItem, insertItem } from '../items/repo';
import type { Library } from '../library';
import { NetError } from '../net/http';
import { attachToItem } from '../attachments/attach';
import { indexInBackground } from '../pdf/fulltext';
import { assertPdf, safePdfName } from './pdf-check';
import { listPending, pendingToIdentifier, removePending, upsertPending } from './pending';
import { arxivPdfUrl } from './services/arxiv';
import { arxivFromDoi, lookupIdentifiers } from './services/index';
import type { FetchedRecord, ServiceContext } from './services/types';
import { httpFor, readOnlineSettings } from './settings';

/** The live item that already carries this identifier, if any (each query uses an index of
 * migration 60; see add-by-id.test.ts). */
export const EXISTING_SQL: Record<Identifier['kind'], string> = {
  doi: `SELECT id FROM items WHERE doi = ? COLLATE NOCASE AND doi <> '' AND deleted_at IS NULL`,
  arxiv: `SELECT id FROM items WHERE json_extract(fields, '$.eprint') = ? AND deleted_at IS NULL`,
  isbn: `SELECT id FROM items WHERE replace(json_extract(fields, '$.isbn'), '-', '') = ?
      AND json_extract(fields, '$.isbn') IS NOT NULL AND deleted_at IS NULL`,
  pmid: `SELECT id FROM items WHERE json_extract(fields, '$.pmid') = ? AND deleted_at IS NULL`,
};

const VERSIONED_EPRINT = `SELECT id FROM items WHERE json_extract(fields, '$.eprint') > ?
      AND json_extract(fields, '$.eprint') < ? AND deleted_at IS NULL`;

/** How exporters spell the prefix some of them keep in eprint (`arXiv:1810.04805`). The eprint
 * index compares exactly, so each spelling is its own indexed lookup rather than a scan. */
const EPRINT_PREFIXES = ['arXiv:', 'arxiv:', 'ARXIV:'] as const;

/**
 * The other ways an arXiv paper is entered: a versioned eprint (`1706.03762v5`, as Google
 * Scholar and older arXiv exports write it; a range, so the eprint index serves it), only
 * the arXiv DOI (`10.48550/arXiv.1706.03762`, as arXiv's DataCite BibTeX gives it), and an
 * eprint that keeps the `arXiv:` prefix, with or without a version.
 */
export const ARXIV_VARIANTS: { sql: string; params: (id: string) => string[] }[] = [
  { sql: VERSIONED_EPRINT, params: (id) => [`${id}v`, `${id}w`] },
  {
    sql: `SELECT id FROM items WHERE doi = ? COLLATE NOCASE AND doi <> '' AND deleted_at IS NULL`,
    params: (id) => [`10.48550/arXiv.${id}`],
  },
  {
    sql: `SELECT id FROM items WHERE json_extract(fields, '$.eprint') IN (?, ?, ?)
      AND deleted_at IS NULL`,
    params: (id) => EPRINT_PREFIXES.map((p) => p + id),
  },
  ...EPRINT_PREFIXES.map((p) => ({
    sql: VERSIONED_EPRINT,
    params: (id: string) => [`${p}${id}v`, `${p}${id}w`],
  })),
];

/**
 * A DOI stored as written, `https://doi.org/10.1038/NATURE14539` or `doi:10.…`, found by its
 * bare form through the partial index of migration 125 (same expression, same condition).
 */
export const DOI_AS_WRITTEN_SQL = `SELECT id FROM items
  WHERE lower(substr(doi, instr(doi, '10.'))) = lower(?)
    AND doi <> '' AND substr(doi, 1, 3) <> '10.' AND deleted_at IS NULL`;

type Variant = { sql: string; params: (value: string) => string[] | null };

/** The arXiv queries, for an arXiv id: the exact eprint first, then its other spellings. */
const ARXIV_LOOKUPS: Variant[] = [
  { sql: EXISTING_SQL.arxiv, params: (id) => [id] },
  ...ARXIV_VARIANTS,
  { sql: DOI_AS_WRITTEN_SQL, params: (id) => [`10.48550/arXiv.${id}`] },
];

/** The arXiv id inside an arXiv DOI (`10.48550/arXiv.1810.04805`), without any version. */
function arxivIdOfDoi(doi: string): string | null {
  const inside = arxivFromDoi(doi);
  return inside ? (parseArxiv(inside)?.id ?? null) : null;
}

/**
 * Tried for a DOI after the exact lookup. An arXiv DOI names a paper that a .bib may hold only
 * as its eprint (`eprint = {arXiv:1810.04805}`), so it is also looked up as that arXiv id, with
 * the same indexed queries the arXiv path uses; a null parameter list skips a query.
 */
export const DOI_VARIANTS: Variant[] = [
  { sql: DOI_AS_WRITTEN_SQL, params: (doi) => [doi] },
  ...ARXIV_LOOKUPS.map((v) => ({
    sql: v.sql,
    params: (doi: string) => {
      const id = arxivIdOfDoi(doi);
      return id ? v.params(id) : null;
    },
  })),
];

/** What is tried after the exact lookup, per kind; every query uses an index. */
const VARIANTS: Partial<Record<Identifier['kind'], Variant[]>> = {
  doi: DOI_VARIANTS,
  arxiv: ARXIV_LOOKUPS.slice(1),
};

export function findExisting(db: Database, id: Pick<Identifier, 'kind' | 'value'>): number | null {
  const found = db.prepare<[string], number>(EXISTING_SQL[id.kind]).pluck().get(id.value);
  if (found !== undefined) return found;
  for (const v of VARIANTS[id.kind] ?? []) {
    const params = v.params(id.value);
    if (!params) continue;
    const other = db
      .prepare<string[], number>(v.sql)
      .pluck()
      .get(...params);
    if (other !== undefined) return other;
  }
  return null;
}

function existingForRecord(db: Database, r: FetchedRecord): number | null {
  if (r.item.doi) return findExisting(db, { kind: 'doi', value: r.item.doi });
  return null;
}

export interface AddOptions {
  downloadPdf: boolean;
}

export async function addByIdentifiers(
  lib: Library,
  ids: readonly Identifier[],
  options: AddOptions,
): Promise<AddByIdResult> {
  const result: AddByIdResult = { added: [], existing: [], pending: [], invalid: [] };
  const toFetch: Identifier[] = [];
  for (const id of ids) {
    const itemId = findExisting(lib.db, id);
    if (itemId) {
      result.existing.push({ input: id.input, itemId, title: getItem(lib.db, itemId).title });
      lib.write(() => removePending(lib.db, id));
    } else {
      toFetch.push(id);
    }
  }
  if (toFetch.length === 0) return result;

  const settings = readOnlineSettings(lib.db);
  const ctx: ServiceContext = { http: httpFor(lib, settings), settings };
  const job = 'online.addByIds';
  lib.emit('job.progress', {
    job,
    done: 0,
    total: toFetch.length,
    message: 'Looking up identifiers',
  });
  const looked = settings.enabled
    ? await lookupIdentifiers(ctx, toFetch, (done) =>
        lib.emit('job.progress', { job, done, total: toFetch.length }),
      )
    : toFetch.map(
        () =>
          new NetError(
            'offline',
            'Network features are turned off in settings; no request was made.',
          ),
      );

  const toDownload: { added: AddedByIdentifier; id: Identifier; record: FetchedRecord }[] = [];
  lib.write(() => {
    looked.forEach((r, i) => {
      const id = toFetch[i]!;
      if (r instanceof NetError) {
        const reason = r.failure as PendingReason;
        result.pending.push(
          upsertPending(lib.db, id, reason, r.message, options.downloadPdf, reason !== 'offline'),
        );
        return;
      }
      removePending(lib.db, id);
      // Checked again inside the transaction: another add may have finished while we fetched.
      const dup = findExisting(lib.db, id) ?? existingForRecord(lib.db, r);
      if (dup) {
        result.existing.push({ input: id.input, itemId: dup, title: getItem(lib.db, dup).title });
        return;
      }
      const itemId = insertItem(lib.db, r.item);
      const item = getItem(lib.db, itemId);
      const added: AddedByIdentifier = {
        input: id.input,
        itemId,
        title: item.title,
        citationKey: item.citationKey,
      };
      result.added.push(added);
      if (options.downloadPdf && id.kind === 'arxiv') toDownload.push({ added, id, record: r });
    });
  });
  lib.changed(
    ['items', 'pending'],
    result.added.map((a) => a.itemId),
  );

  for (const d of toDownload) {
    d.added.pdf = await downloadPdfFor(
      lib,
      ctx,
      d.added.itemId,
      arxivPdfUrl(ctx, d.id.value, d.id.version),
      {
        name: `${d.added.citationKey}`,
        minIntervalMs: settings.arxivIntervalMs,
        service: 'arXiv',
      },
    );
  }
  if (toDownload.length)
    lib.changed(
      ['attachments', 'items'],
      toDownload.map((d) => d.added.itemId),
    );
  lib.emit('job.progress', { job, done: toFetch.length, total: toFetch.length });
  return result;
}

/** Downloads a PDF into the library; a failure is reported, never thrown (the item stays). */
export async function downloadPdfFor(
  lib: Library,
  ctx: ServiceContext,
  itemId: number,
  url: string,
  opts: { name: string; minIntervalMs?: number; service: string },
): Promise<{ ok: true; attachmentId: number } | { ok: false; reason: string }> {
  try {
    const res = await ctx.http.get(url, {
      accept: 'application/pdf',
      maxBytes: 200 * 1024 * 1024,
      service: opts.service,
      ...(opts.minIntervalMs ? { minIntervalMs: opts.minIntervalMs } : {}),
    });
    assertPdf(res.body);
    // the shared attachment path: checked by pdf.js in a worker, stored by content hash,
    // named by the pattern, duplicates refused, full text indexed in the background
    const { attachment } = await attachToItem(
      lib,
      itemId,
      { kind: 'bytes', name: safePdfName(opts.name), bytes: res.body },
      'stored',
    );
    indexInBackground(lib, attachment.id);
    return { ok: true, attachmentId: attachment.id };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** Retries pending identifiers (all, or the ones named). */
export async function retryPending(lib: Library, ids?: readonly number[]): Promise<AddByIdResult> {
  const rows = listPending(lib.db, ids);
  const merged: AddByIdResult = { added: [], existing: [], pending: [], invalid: [] };
  for (const downloadPdf of [false, true]) {
    const group = rows.filter((r) => r.downloadPdf === downloadPdf).map(pendingToIdentifier);
    if (group.length === 0) continue;
    const r = await addByIdentifiers(lib, group, { downloadPdf });
    merged.added.push(...r.added);
    merged.existing.push(...r.existing);
    merged.pending.push(...r.pending);
  }
  return merged;
}
