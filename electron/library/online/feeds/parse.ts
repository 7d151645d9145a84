// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds → plain entries. Everything is untrusted: titles
// and summaries are reduced to plain text, sizes are capped, links must be http(s).
import { parseArxiv, parseDoi } from '../../../../shared/domain/identifiers';
import { NetError } from '../../net/http';
import { arr, attr, child, htmlToText, parseXml, txt } from '../../net/xml';

export interface ParsedEntry {
  guid: string;
  title: string;
  authors: string[];
  summary: string;
  link: string;
  pdfUrl: string;
  doi: string;
  arxivId: string;
  published: string;
}

export interface ParsedFeed {
  title: string;
  siteUrl: string;
  entries: ParsedEntry[];
}

const MAX_ENTRIES = 2_000;

export const WEB_PAGE = 'This address is a web page, not an RSS or Atom feed';

function httpUrl(s: string): string {
  const v = s.trim();
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.slice(0, 2_000) : '';
  } catch {
    return '';
  }
}

function isoDate(s: string): string {
  const v = s.trim();
  if (!v) return '';
  const t = Date.parse(v);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

function splitAuthors(s: string): string[] {
  return s
    .split(/\s*(?:,|;|\band\b)\s*/)
    .map((a) => a.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 500);
}

/** Links in RSS may be text, or (with atom:link mixed in) objects: pick the page link. */
function pageLink(links: unknown): string {
  for (const l of arr(links)) {
    if (typeof l === 'string') return httpUrl(l);
    const rel = attr(l, 'rel') || 'alternate';
    if (rel === 'alternate' && attr(l, 'href')) return httpUrl(attr(l, 'href'));
  }
  return '';
}

function pdfLink(links: unknown, enclosures: unknown): string {
  for (const l of [...arr(links), ...arr(enclosures)]) {
    const href = attr(l, 'href') || attr(l, 'url');
    if (href && (attr(l, 'type') === 'application/pdf' || attr(l, 'title') === 'pdf'))
      return httpUrl(href);
  }
  return '';
}

async function entryOf(node: unknown, atom: boolean): Promise<ParsedEntry | null> {
  const title = (await htmlToText(txt(child(node, 'title')), { singleLine: true })).slice(0, 2_000);
  const link = atom
    ? pageLink(child(node, 'link'))
    : pageLink(child(node, 'link')) || httpUrl(txt(child(node, 'guid')));
  const rawSummary = atom
    ? txt(child(node, 'summary')) || txt(child(node, 'content'))
    : txt(child(node, 'description')) || txt(child(node, 'encoded'));
  const summary = (await htmlToText(rawSummary)).slice(0, 20_000);
  const authors = atom
    ? arr(child(node, 'author')).flatMap((a) => splitAuthors(txt(child(a, 'name')) || txt(a)))
    : [...arr(child(node, 'creator')), ...arr(child(node, 'author'))].flatMap((a) =>
        splitAuthors(txt(a)),
      );
  const guid =
    (atom ? txt(child(node, 'id')) : txt(child(node, 'guid')) || txt(attr(node, 'about'))) ||
    link ||
    title;
  if (!guid || (!title && !link)) return null;
  const ids = [txt(child(node, 'doi')), ...arr(child(node, 'identifier')).map(txt), link];
  const doi = ids.map((s) => parseDoi(s)).find(Boolean) ?? '';
  const arxiv = [link, guid.replace(/^oai:arXiv\.org:/i, '')]
    .map((s) => parseArxiv(s))
    .find(Boolean);
  const published = isoDate(
    atom
      ? txt(child(node, 'published')) || txt(child(node, 'updated'))
      : txt(child(node, 'pubDate')) || txt(child(node, 'date')),
  );
  return {
    guid: guid.slice(0, 2_000),
    title: title || link,
    authors,
    summary,
    link,
    pdfUrl:
      pdfLink(child(node, 'link'), child(node, 'enclosure')) ||
      (arxiv ? `https://arxiv.org/pdf/${arxiv.id}` : ''),
    doi,
    arxivId: arxiv?.id ?? '',
    published,
  };
}

export async function parseFeed(text: string): Promise<ParsedFeed> {
  // A common mistake is subscribing to a site's page instead of its feed: say so plainly.
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text)) {
    throw new NetError('bad_response', WEB_PAGE);
  }
  const doc = parseXml(text, 'The feed');
  const rss = child(doc, 'rss');
  const rdf = child(doc, 'RDF');
  const atom = child(doc, 'feed');
  let channel: unknown;
  let items: unknown[];
  if (rss) {
    channel = child(rss, 'channel');
    items = arr(child(channel, 'item'));
  } else if (rdf) {
    channel = child(rdf, 'channel');
    items = arr(child(rdf, 'item'));
  } else if (atom) {
    channel = atom;
    items = arr(child(atom, 'entry'));
  } else {
    throw new NetError('bad_response', 'This is XML but not an RSS or Atom feed');
  }
  const entries: ParsedEntry[] = [];
  for (const node of items.slice(0, MAX_ENTRIES)) {
    const e = await entryOf(node, Boolean(atom));
    if (e) entries.push(e);
  }
  return {
    title: (await htmlToText(txt(child(channel, 'title')), { singleLine: true })).slice(0, 500),
    siteUrl: pageLink(child(channel, 'link')),
    entries,
  };
}
