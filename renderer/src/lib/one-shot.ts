/**
 * A call made ahead of time whose answer is handed out once, to the first request for exactly
 * the same input; any other request (or a second one) makes a new call. The app uses it for the
 * table's first page, asked for before React renders.
 */
export function oneShot<I, O>(call: (input: I) => Promise<O>) {
  let held: { key: string; answer: Promise<O>; value?: { ok: O } } | null = null;
  return {
    /** Makes the call now and keeps its answer for `take`. */
    prime(input: I): void {
      const answer = call(input);
      const h: NonNullable<typeof held> = { key: JSON.stringify(input), answer };
      // a failure is seen, and reported, by whoever takes it
      answer.then((v) => (h.value = { ok: v })).catch(() => {});
      held = h;
    },
    /** Holds an answer already in hand (one the page came with) as if `prime` had fetched it. */
    primeWith(input: I, value: O): void {
      held = { key: JSON.stringify(input), answer: Promise.resolve(value), value: { ok: value } };
    },
    /** The primed answer when the input is the same, once; otherwise a new call. */
    take(input: I): Promise<O> {
      const h = held;
      held = null;
      return h && h.key === JSON.stringify(input) ? h.answer : call(input);
    },
    /**
     * The primed answer itself when it has already arrived (successfully) for this input, so a
     * first render can show it without waiting a task; it stays held until `take` or `drop`.
     */
    peek(input: I): O | undefined {
      return held?.value && held.key === JSON.stringify(input) ? held.value.ok : undefined;
    },
    /** Forgets the primed answer (its taker got it through `peek`). */
    drop(): void {
      held = null;
    },
    /** Resolves once the primed call has settled, either way (at once when none is held). */
    settled(): Promise<void> {
      return held
        ? held.answer.then(
            () => {},
            () => {},
          )
        : Promise.resolve();
    },
  };
}
