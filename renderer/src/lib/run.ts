// One place that turns a failed engine call into the app's error bar.
let report: (message: string) => void = () => {};

export function setErrorReporter(fn: (message: string) => void): void {
  report = fn;
}

/** Runs an engine call for its effect; a failure is shown to the user, never swallowed. */
export function run<T>(p: Promise<T>, then?: (v: T) => void): void {
  p.then(then).catch((e: unknown) => report(e instanceof Error ? e.message : String(e)));
}
