import { READ_STATES, type Item } from '../../../shared/domain/item';
import { invoke } from '../api/client';
import { run } from '../lib/run';

/** Reading state, star and 0–5 rating of one item. */
export function ReadingControls({ item }: { item: Item }) {
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
      <div role="radiogroup" aria-label="Rating" className="rating">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={item.rating === n}
            aria-label={`${n} star${n === 1 ? '' : 's'}`}
            onClick={() => set({ rating: item.rating === n ? 0 : n })}
          >
            {n <= item.rating ? '★' : '☆'}
          </button>
        ))}
      </div>
    </section>
  );
}
