// Which service owns which identifier, and the one entry point that looks many up.
import type { Identifier } from '../../../../shared/domain/identifiers';
import { NetError } from '../../net/http';
import { warmHtmlParser } from '../../net/xml';
import { fetchArxiv } from './arxiv';
import { fetchCrossref } from './crossref';
import { fetchDatacite } from './datacite';
import { fetchOpenLibrary } from './openlibrary';
import { fetchPubmed } from './pubmed';
import type { FetchedRecord, ServiceContext } from './types';

export type LookupResult = FetchedRecord | NetError;

const LOOKUP_CONCURRENCY = 4;

/** arXiv's own DOIs (10.48550/arXiv.…) are answered best by arXiv itself. */
export function arxivFromDoi(doi: string): string | null {
  return /^10\.48550\/arxiv\.(.+)$/i.exec(doi)?.[1] ?? null;
}

/** Crossref first (most DOIs); DataCite when Crossref does not know the DOI. */
export async function fetchDoi(ctx: ServiceContext, doi: string): Promise<FetchedRecord> {
  try {
    return await fetchCrossref(ctx, doi);
  } catch (e) {
    if (!(e instanceof NetError) || e.failure !== 'not_found') throw e;
  }
  try {
    return await fetchDatacite(ctx, doi);
  } catch (e) {
    if (e instanceof NetError && e.failure === 'not_found') {
      throw new NetError('not_found', `Neither Crossref nor DataCite knows doi:${doi}`, 404);
    }
    throw e;
  }
}

async function settle<T>(p: Promise<T>): Promise<T | NetError> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NetError) return e;
    throw e;
  }
}

/** Looks up every identifier; results in the same order. arXiv ids share batched requests. */
export async function lookupIdentifiers(
  ctx: ServiceContext,
  ids: readonly Identifier[],
  onEach?: (done: number) => void,
): Promise<LookupResult[]> {
  await warmHtmlParser();
  const results: (LookupResult | undefined)[] = new Array(ids.length);
  const arxivWanted: { index: number; id: string; version?: string }[] = [];
  ids.forEach((id, index) => {
    const fromDoi = id.kind === 'doi' ? arxivFromDoi(id.value) : null;
    if (id.kind === 'arxiv') {
      arxivWanted.push({ index, id: id.value, ...(id.version ? { version: id.version } : {}) });
    } else if (fromDoi) {
      const m = /^(.*?)(v\d+)?$/.exec(fromDoi)!;
      arxivWanted.push({ index, id: m[1]!, ...(m[2] ? { version: m[2] } : {}) });
    }
  });
  let done = 0;
  if (arxivWanted.length) {
    const found = await fetchArxiv(ctx, arxivWanted);
    for (const w of arxivWanted) {
      const r = found.get(w.id);
      const asked = ids[w.index]!;
      // Asked for by its arXiv DOI: the item keeps that DOI, so it is found by it later.
      results[w.index] =
        r && !(r instanceof NetError) && asked.kind === 'doi'
          ? { ...r, item: { ...r.item, doi: asked.value } }
          : r;
    }
    done += arxivWanted.length;
    onEach?.(done);
  }
  // A few lookups at a time: a pasted list of 100 DOIs should not take 100 round trips in a
  // row. Per-host spacing (NCBI, arXiv) still holds, since every request goes through the limiter.
  const queue = ids.map((_, i) => i).filter((i) => !results[i]);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const id = ids[i]!;
      if (id.kind === 'doi') results[i] = await settle(fetchDoi(ctx, id.value));
      else if (id.kind === 'isbn') results[i] = await settle(fetchOpenLibrary(ctx, id.value));
      else if (id.kind === 'pmid') results[i] = await settle(fetchPubmed(ctx, id.value));
      onEach?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
  return results.map((r, i) => r ?? new NetError('bad_response', `No answer for ${ids[i]!.input}`));
}
