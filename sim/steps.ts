// Driving long computations written as generators (a run, a shrink): to the
// end at once, or a slice at a time with a turn of the event loop between
// slices, so that a signal handler (Ctrl-C) or a progress line gets to run.
// The computation is the same either way; only the scheduling differs.

/** Runs the steps to their end synchronously. */
export function driveToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Runs the steps, yielding to the event loop after each; `onStep` sees each yielded value. */
export async function driveYielding<S, T>(steps: Generator<S, T, void>, onStep?: (value: S) => void): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    onStep?.(step.value);
    await eventLoopTurn();
  }
}

/** Resolves after the event loop has polled for I/O and signals once. */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
