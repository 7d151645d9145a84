import { useCallback, useEffect, useState } from 'react';
import type { DuplicateGroup } from '../../../shared/domain/organise';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import { run } from '../lib/run';
import { askConfirm } from './dialogs';

interface Choice {
  masterId: number;
  /** Field -> item whose value is kept, where the user picked one. */
  fields: Record<string, number>;
}

const fieldLabel = (f: string) => (f.startsWith('fields.') ? f.slice(7) : f);

/** The value merge keeps for a field: the user's pick, else the master's, else the first one. */
function effective(g: DuplicateGroup, c: Choice, field: string): number | undefined {
  const d = g.differences.find((x) => x.field === field)!;
  return (
    c.fields[field] ??
    (d.values.some((v) => v.itemId === c.masterId) ? c.masterId : d.values[0]?.itemId)
  );
}

function Group({
  g,
  choice,
  onChoice,
  onMerge,
}: {
  g: DuplicateGroup;
  choice: Choice;
  onChoice(c: Choice): void;
  onMerge(): void;
}) {
  const title = g.items.find((i) => i.id === g.masterId)?.title ?? g.items[0]!.title;
  return (
    <section className="dup-group" role="group" aria-label={`Duplicate group: ${title}`}>
      <header>
        <strong>{title}</strong>
        <span className="hint">
          same{' '}
          {g.reasons
            .map((r) =>
              r === 'title' ? 'title, year and first author' : r === 'doi' ? 'DOI' : 'arXiv id',
            )
            .join(' and ')}
        </span>
        <button type="button" className="primary" onClick={onMerge}>
          Merge {g.items.length} items
        </button>
      </header>
      <table className="dup-items">
        <thead>
          <tr>
            <th>Keep</th>
            <th>Citation key</th>
            <th>Title</th>
            <th>Year</th>
            <th>Venue</th>
            <th>Tags · notes · files</th>
          </tr>
        </thead>
        <tbody>
          {g.items.map((i) => (
            <tr key={i.id}>
              <td>
                <input
                  type="radio"
                  name={`master-${g.key}`}
                  aria-label={`Keep ${i.citationKey} as master`}
                  checked={choice.masterId === i.id}
                  onChange={() => onChoice({ ...choice, masterId: i.id })}
                />
              </td>
              <td>{i.citationKey}</td>
              <td>{i.title}</td>
              <td>{i.year ?? ''}</td>
              <td>{i.venue}</td>
              <td>
                {i.tags.length} · {i.notes} · {i.attachments}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {g.differences.length > 0 ? (
        <fieldset className="dup-fields">
          <legend>Fields that differ: choose what the merged item keeps</legend>
          {g.differences.map((d) => (
            <div
              key={d.field}
              role="radiogroup"
              aria-label={`Value of ${fieldLabel(d.field)}`}
              className="dup-field"
            >
              <span className="dup-field-name">{fieldLabel(d.field)}</span>
              {d.values.map((v) => (
                <label key={v.itemId}>
                  <input
                    type="radio"
                    name={`${g.key}-${d.field}`}
                    checked={effective(g, choice, d.field) === v.itemId}
                    onChange={() =>
                      onChoice({ ...choice, fields: { ...choice.fields, [d.field]: v.itemId } })
                    }
                  />
                  {v.value.length > 120 ? `${v.value.slice(0, 120)}…` : v.value}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      ) : null}
    </section>
  );
}

/** Duplicates grouped by DOI, arXiv id or title + year + first author, with a merge preview. */
export function DuplicatesView() {
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // a large library can have thousands of groups: render them a page at a time
  const [shown, setShown] = useState(50);
  const load = useCallback(
    () =>
      run(invoke('duplicates.find', {}), (gs) => {
        setGroups(gs);
        setChoices((old) =>
          Object.fromEntries(
            gs.map((g) => [g.key, old[g.key] ?? { masterId: g.masterId, fields: {} }]),
          ),
        );
      }),
    [],
  );
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('items')) load();
  });
  const spec = (g: DuplicateGroup) => {
    const c = choices[g.key] ?? { masterId: g.masterId, fields: {} };
    return {
      masterId: c.masterId,
      otherIds: g.items.map((i) => i.id).filter((id) => id !== c.masterId),
      choices: c.fields,
    };
  };
  const mergeAll = () => {
    if (!groups) return;
    const n = groups.reduce((s, g) => s + g.items.length, 0);
    void askConfirm(
      `Merge all ${groups.length} groups (${n} items into ${groups.length})? Every tag, note, attachment and collection is kept. You can undo this.`,
      'Merge all',
    ).then((ok) => ok && run(invoke('duplicates.merge', { groups: groups.map(spec) })));
  };
  return (
    <section className="duplicates-view" aria-label="Duplicates">
      <header className="view-head">
        <h2>Duplicates</h2>
        {groups && groups.length > 0 ? (
          <button type="button" className="primary" onClick={mergeAll}>
            Merge all {groups.length} group{groups.length === 1 ? '' : 's'}…
          </button>
        ) : null}
      </header>
      {groups === null ? <p className="hint">Looking for duplicates…</p> : null}
      {groups?.length === 0 ? <p className="empty-note">No duplicates found.</p> : null}
      {groups?.slice(0, shown).map((g) => (
        <Group
          key={g.key}
          g={g}
          choice={choices[g.key] ?? { masterId: g.masterId, fields: {} }}
          onChoice={(c) => setChoices((s) => ({ ...s, [g.key]: c }))}
          onMerge={() => run(invoke('duplicates.merge', { groups: [spec(g)] }))}
        />
      ))}
      {groups && groups.length > shown ? (
        <button type="button" onClick={() => setShown((n) => n + 50)}>
          Show more ({groups.length - shown} more groups)
        </button>
      ) : null}
    </section>
  );
}
