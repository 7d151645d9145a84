import type { OnDuplicate } from '../api/transfer';

const CHOICES: [OnDuplicate, string][] = [
  ['skip', 'Skip it'],
  ['merge', 'Merge it into the existing item'],
  ['import', 'Import it anyway'],
];

/** What to do with an entry that is already in the library (same DOI, arXiv id, or title + year + first author). */
export function DuplicateChoice({
  value,
  onChange,
}: {
  value: OnDuplicate;
  onChange(v: OnDuplicate): void;
}) {
  return (
    <fieldset className="choice">
      <legend>When an entry is already in the library</legend>
      {CHOICES.map(([v, label]) => (
        <label key={v} className="inline">
          <input
            type="radio"
            name="on-duplicate"
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
