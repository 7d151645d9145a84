// Open Library Books API, `GET /api/books?bibkeys=ISBN:…&format=json&jscmd=data`: one object
// keyed by the bibkey, with author and publisher names inline (one request per book). An
// unknown ISBN answers `{}`.
import { NetError, parseJsonBody } from '../../net/http';
import { type FetchedRecord, type ServiceContext, compact, splitName, str } from './types';

type Obj = Record<string, unknown>;

function names(list: unknown): string[] {
  return Array.isArray(list) ? (list as Obj[]).map((x) => str(x?.name)).filter(Boolean) : [];
}

function firstOf(x: unknown): string {
  return Array.isArray(x) ? str(x[0]) : '';
}

export async function fetchOpenLibrary(ctx: ServiceContext, isbn: string): Promise<FetchedRecord> {
  const key = `ISBN:${isbn}`;
  const res = await ctx.http.get(
    `${ctx.settings.baseUrls.openlibrary}/api/books?bibkeys=${encodeURIComponent(key)}&format=json&jscmd=data`,
    { accept: 'application/json', service: 'Open Library' },
  );
  const json = parseJsonBody(res, 'Open Library');
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new NetError(
      'bad_response',
      'Open Library answered with something other than a JSON object',
    );
  }
  const book = (json as Obj)[key] as Obj | undefined;
  if (!book || typeof book !== 'object') {
    throw new NetError('not_found', `Open Library has no book with ISBN ${isbn}`, 404);
  }
  const title = str(book.title).trim();
  if (!title)
    throw new NetError('bad_response', `Open Library's record for ISBN ${isbn} has no title`);
  const ids = (book.identifiers ?? {}) as Obj;
  const year = /\b(\d{4})\b/.exec(str(book.publish_date))?.[1] ?? '';
  return {
    source: 'Open Library',
    item: {
      type: 'book',
      title,
      creators: names(book.authors)
        .slice(0, 500)
        .map((n) => splitName(n)),
      date: year,
      venue: names(book.publishers)[0] ?? '',
      doi: '',
      url: str(book.url),
      abstract: '',
      fields: compact({
        subtitle: str(book.subtitle),
        isbn: firstOf(ids.isbn_13) || isbn,
        pagetotal: str(book.number_of_pages),
        location: names(book.publish_places)[0],
      }),
    },
  };
}
