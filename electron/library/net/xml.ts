// XML and HTML from the network is untrusted: validated before use, entity expansion and
// nesting capped, and HTML reduced to plain text (never stored as markup).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NetError } from './http';

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: 200,
  processEntities: {
    enabled: true,
    maxEntitySize: 1_000,
    maxTotalExpansions: 1_000,
    maxEntityCount: 50,
  },
});

/** Parses an XML document or throws a `bad_response` naming the first problem and its line. */
export function parseXml(text: string, service: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new NetError('bad_response', `${service} sent malformed XML (line ${line}: ${msg})`);
  }
  try {
    return parser.parse(text) as XmlNode;
  } catch (e) {
    throw new NetError(
      'bad_response',
      `${service} sent XML that could not be read: ${(e as Error).message.slice(0, 160)}`,
    );
  }
}

/** A node that may be one element or many, as an array. */
export function arr(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** Text content of an element (string, or an object with `#text` when it has attributes). */
export function txt(x: unknown): string {
  if (x === undefined || x === null) return '';
  if (Array.isArray(x)) return txt(x[0]);
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (typeof x === 'object') {
    const t = (x as XmlNode)['#text'];
    if (t !== undefined) return txt(t);
    // Mixed content (e.g. <i> inside a title): join the text of the children.
    return Object.entries(x as XmlNode)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, v]) => arr(v).map(txt).join(' '))
      .join(' ');
  }
  return '';
}

export function attr(x: unknown, name: string): string {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return '';
  const v = (x as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? v : '';
}

export function child(x: unknown, name: string): unknown {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  return (x as XmlNode)[name];
}

type TemplateFactory = () => { innerHTML: string; content: DocumentFragment };
let makeTemplate: TemplateFactory | undefined;

async function templateFactory(): Promise<TemplateFactory> {
  if (!makeTemplate) {
    // jsdom is heavy to load; only the feed and abstract paths need it.
    const { JSDOM } = await import('jsdom');
    const doc = new JSDOM('').window.document;
    makeTemplate = () => doc.createElement('template');
  }
  return makeTemplate;
}

/**
 * Loads the HTML parser now. Loading jsdom blocks the event loop for a moment; doing it before
 * requests start keeps that pause from eating into their timeouts.
 */
export async function warmHtmlParser(): Promise<void> {
  await templateFactory();
}

/**
 * The feeds a web page announces (`<link rel="alternate" type="application/rss+xml" href>`),
 * as absolute http(s) URLs resolved against the page's address.
 */
export async function feedLinksIn(html: string, pageUrl: string): Promise<string[]> {
  const make = await templateFactory();
  const t = make();
  // Only the head matters, and a template never runs scripts or loads anything.
  t.innerHTML = html.slice(0, 500_000).replace(/<\/?(html|head|body)[^>]*>/gi, '');
  const out: string[] = [];
  for (const el of Array.from(t.content.querySelectorAll('link[rel~="alternate"][href]'))) {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (!/^application\/(rss|atom|rdf)\+xml$/.test(type)) continue;
    try {
      const u = new URL(el.getAttribute('href')!, pageUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.push(u.href);
    } catch {
      // an unusable href is skipped
    }
  }
  return out;
}

/**
 * Reduces HTML to plain text with an HTML5 parser (so every entity and odd tag is handled):
 * scripts, styles and their content are dropped, block ends become line breaks. The result is
 * text, shown as text: nothing from a feed is ever rendered as markup.
 */
export async function htmlToText(html: string, { singleLine = false } = {}): Promise<string> {
  if (!/[<&]/.test(html)) return tidy(html, singleLine);
  const make = await templateFactory();
  const t = make();
  t.innerHTML = html
    .slice(0, 200_000)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, '$&\n');
  for (const el of Array.from(
    t.content.querySelectorAll('script,style,noscript,template,iframe'),
  )) {
    el.remove();
  }
  return tidy(t.content.textContent ?? '', singleLine);
}

function tidy(s: string, singleLine: boolean): string {
  if (singleLine) return s.replace(/\s+/g, ' ').trim();
  return s
    .split(/\n/)
    .map((l) => l.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
