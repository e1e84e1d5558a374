// Traces shared by the total-order specs: two total messages a and b whose
// inversion between p and q is undone by repeated deliveries (p: a, b, a;
// q: b, a, b), and the same with a third process r that delivers b before a
// once, so one inversion survives the repeats.
import { trace, type TraceBuilder } from './trace-builder.ts';

export function undoneInversion(withSurvivor = false): TraceBuilder {
  const b = trace()
    .group(...(withSurvivor ? ['p', 'q', 'r'] : ['p', 'q']))
    .bcast('p', 'a', 'total', 1)
    .bcast('p', 'b', 'total', 1)
    .deliverAt(['p'], 'a', 'p', 1)
    .deliverAt(['p'], 'b', 'p', 1)
    .deliverAt(['q'], 'b', 'p', 1)
    .deliverAt(['q'], 'a', 'p', 1)
    .deliverAt(['q'], 'b', 'p', 1)
    .deliverAt(['p'], 'a', 'p', 1);
  return withSurvivor ? b.deliverAt(['r'], 'b', 'p', 1).deliverAt(['r'], 'a', 'p', 1) : b;
}
