import type { Snippet } from '../../../shared/domain/search';

const SOURCE: Record<Snippet['source'], string> = {
  title: 'title',
  creators: 'creators',
  abstract: 'abstract',
  venue: 'venue',
  fields: 'fields',
  note: 'note',
  annotation: 'annotation',
  page: 'PDF',
};

/** Where a search hit is: the text around it with the matched words marked (text, never HTML). */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <span className="snippet">
      <span className="snippet-source">
        {SOURCE[snippet.source]}
        {snippet.page ? ` p. ${snippet.page}` : ''}
      </span>{' '}
      {snippet.parts.map((p, i) =>
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </span>
  );
}
