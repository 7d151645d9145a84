import type { RefObject } from 'react';
import type { QueryError } from '../../../shared/domain/search';

interface Props {
  inputRef?: RefObject<HTMLInputElement | null>;
  value: string;
  onChange(value: string): void;
  fullText: boolean;
  onFullText(value: boolean): void;
  error: QueryError | null;
  onSave(): void;
  /** ArrowDown in the box: move to the results. */
  onToResults(): void;
}

/**
 * The quick-search box: the same query language as smart collections and the CLI, results as
 * you type, and a parse error shown under the box with the wrong part marked.
 */
export function QuickSearch({
  inputRef,
  value,
  onChange,
  fullText,
  onFullText,
  error,
  onSave,
  onToResults,
}: Props) {
  const describedBy = error ? 'query-error' : undefined;
  return (
    <div className="quick-search">
      <input
        ref={inputRef}
        type="search"
        className="search"
        placeholder='Search ( / ): words, "phrases", author: year:2019..2021 tag: -not OR'
        aria-label="Search"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          const plain = !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
          if (e.key === 'ArrowDown' && plain && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onToResults();
          }
        }}
      />
      <label className="search-option">
        <input
          type="checkbox"
          checked={!fullText}
          onChange={(e) => onFullText(!e.target.checked)}
        />
        Metadata only
      </label>
      <button type="button" onClick={onSave} disabled={!value.trim() || error !== null}>
        Save search
      </button>
      {error ? (
        <div id="query-error" role="alert" aria-label="Query error" className="query-error">
          <span>
            Character {error.position + 1}: {error.message}
          </span>
          <code aria-hidden>
            {value.slice(0, error.position)}
            <mark>
              {value.slice(error.position, Math.max(error.end, error.position + 1)) || ' '}
            </mark>
            {value.slice(Math.max(error.end, error.position + 1))}
          </code>
        </div>
      ) : null}
    </div>
  );
}
