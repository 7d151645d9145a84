import { useRef } from 'react';
import { READ_STATES, type Item } from '../../../shared/domain/item';
import { invoke } from '../api/client';
import { run } from '../lib/run';

/** Reading state, star and 0–5 rating of one item. */
export function ReadingControls({ item }: { item: Item }) {
  const keyed = useRef<{ id: number; rating: number } | null>(null);
  const set = (flags: { starred?: boolean; readState?: Item['readState']; rating?: number }) =>
    run(invoke('items.setFlags', { ids: [item.id], ...flags }));
  return (
    <section className="pane-section reading" aria-label="Reading">
      <button
        type="button"
        className="star"
        aria-pressed={item.starred}
        aria-label="Star"
        title="Star (S)"
        onClick={() => set({ starred: !item.starred })}
      >
        {item.starred ? '★' : '☆'}
      </button>
      <label>
        Read state{' '}
        <select
          value={item.readState}
          onChange={(e) => set({ readState: e.target.value as Item['readState'] })}
        >
          {READ_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <div
        role="radiogroup"
        aria-label="Rating"
        className="rating"
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget)) keyed.current = null;
        }}
        // a radio group is one tab stop whose arrows change the choice: five tab stops that
        // ignored the arrows made the rating the slowest field to set from the keyboard
        onKeyDown={(e) => {
          const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
          if (step === undefined) return;
          e.preventDefault();
          // keys come faster than the saved rating comes back: count from the last key's
          // value while the group keeps the focus
          const was = keyed.current?.id === item.id ? keyed.current.rating : item.rating;
          const next = Math.max(0, Math.min(5, was + step));
          keyed.current = { id: item.id, rating: next };
          if (next !== was) set({ rating: next });
          e.currentTarget.querySelectorAll('button')[Math.max(0, next - 1)]?.focus();
        }}
      >
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={item.rating === n}
            tabIndex={n === Math.max(1, item.rating) ? 0 : -1}
            aria-label={`${n} star${n === 1 ? '' : 's'}`}
            onClick={() => {
              keyed.current = null;
              set({ rating: item.rating === n ? 0 : n });
            }}
          >
            {n <= item.rating ? '★' : '☆'}
          </button>
        ))}
      </div>
    </section>
  );
}
