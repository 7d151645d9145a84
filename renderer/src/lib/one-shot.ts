/**
 * A call made ahead of time whose answer is handed out once, to the first request for exactly
 * the same input; any other request (or a second one) makes a new call. The app uses it for the
 * table's first page, asked for before React renders.
 */
export function oneShot<I, O>(call: (input: I) => Promise<O>) {
  let held: { key: string; answer: Promise<O> } | null = null;
  return {
    /** Makes the call now and keeps its answer for `take`. */
    prime(input: I): void {
      const answer = call(input);
      answer.catch(() => {}); // a failure is seen, and reported, by whoever takes it
      held = { key: JSON.stringify(input), answer };
    },
    /** The primed answer when the input is the same, once; otherwise a new call. */
    take(input: I): Promise<O> {
      const h = held;
      held = null;
      return h && h.key === JSON.stringify(input) ? h.answer : call(input);
    },
  };
}
