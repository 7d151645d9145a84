// CSL-JSON writer. Types and fields CSL has no name for travel in `custom`, so export → import
// gives back the same item; CSL processors ignore `custom`.
import type { Creator, Item } from '../../../shared/domain/item';
import type { ExportFormat } from './format';
import {
  CSL_DATES,
  CSL_FIELDS,
  CSL_ROLES,
  CSL_TO_TYPE,
  CUSTOM_FIELDS,
  CUSTOM_TYPE,
  TYPE_TO_CSL,
} from './csl-map';
import { venueIsContainer } from './record';
import { own } from './own';

// First CSL name wins when two CSL variables map to one field (`journalAbbreviation`, `event`).
const CSL_BY_FIELD = new Map<string, string>();
for (const [csl, field] of CSL_FIELDS) if (!CSL_BY_FIELD.has(field)) CSL_BY_FIELD.set(field, csl);
const CSL_ROLE_NAMES = new Set<string>(CSL_ROLES.map(([, r]) => r));
const DATE_TO_CSL = new Map(CSL_DATES.map(([c, f]) => [f, c]));

const ISO = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/;

/** `2019-05-14` → date-parts; `2019/2020` ranges too; anything else as a literal. */
export function toCslDate(date: string): Record<string, unknown> {
  const parts = date.split('/');
  const ps = parts.map((p) => ISO.exec(p));
  if (parts.length <= 2 && ps.every(Boolean)) {
    return {
      'date-parts': ps.map((m) => [m![1], m![2], m![3]].filter(Boolean).map(Number)),
    };
  }
  return { literal: date };
}

function cslName(c: Creator): Record<string, string> {
  if (c.literal) return { literal: c.literal };
  const n: Record<string, string> = {};
  if (c.family) n.family = c.family;
  if (c.given) n.given = c.given;
  if (c.prefix) n['non-dropping-particle'] = c.prefix;
  if (c.suffix) n.suffix = c.suffix;
  return n;
}

function toCsl(item: Item): Record<string, unknown> {
  const fields = { ...item.fields };
  const cslType = fields['csl-type'] ?? own(TYPE_TO_CSL, item.type) ?? 'document';
  delete fields['csl-type'];
  const out: Record<string, unknown> = { id: item.citationKey || String(item.id), type: cslType };
  if (item.citationKey) out['citation-key'] = item.citationKey;
  const custom: Record<string, unknown> = {};
  if ((own(CSL_TO_TYPE, cslType) ?? 'misc') !== item.type) custom[CUSTOM_TYPE] = item.type;
  if (item.title) out.title = item.title;
  for (const [csl, role] of CSL_ROLES) {
    const names = item.creators.filter((c) => c.role === role).map(cslName);
    if (names.length) out[csl] = names;
  }
  const unnamed = item.creators.filter((c) => !CSL_ROLE_NAMES.has(c.role));
  if (unnamed.length) custom['biblatex-creators'] = unnamed;
  if (item.date) out.issued = toCslDate(item.date);
  if (item.venue) out[venueIsContainer(item.type) ? 'container-title' : 'publisher'] = item.venue;
  if (item.doi) out.DOI = item.doi;
  if (item.url) out.URL = item.url;
  if (item.abstract) out.abstract = item.abstract;
  if (item.tags.length) out.keyword = item.tags.join(', ');
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (name === 'pages') out.page = value.replace(/^(\w+)--(\w+)$/, '$1-$2');
    else if (name === 'number')
      out[item.type === 'article' || item.type === 'periodical' ? 'issue' : 'number'] = value;
    else if (name === 'csl-number') out.number = value;
    else if (name === 'publisher' && venueIsContainer(item.type)) out.publisher = value;
    else if (name === 'booktitle' && !venueIsContainer(item.type)) out['container-title'] = value;
    else if (DATE_TO_CSL.has(name)) out[DATE_TO_CSL.get(name)!] = toCslDate(value);
    else if (CSL_BY_FIELD.has(name)) out[CSL_BY_FIELD.get(name)!] = value;
    else if (name.startsWith('csl-') && name.length > 4) out[name.slice(4)] = value;
    else extra[name] = value;
  }
  if (Object.keys(extra).length) custom[CUSTOM_FIELDS] = extra;
  if (Object.keys(custom).length) out.custom = custom;
  return out;
}

export const cslJsonExport: ExportFormat = {
  id: 'csljson',
  label: 'CSL-JSON',
  extension: 'json',
  write(items) {
    return JSON.stringify(items.map(toCsl), null, 2) + '\n';
  },
};
