// The fast order checkers (prefix pointers, vector clocks, per-pair latest
// deliveries) against a literal pairwise reading of the definitions, on
// valid traces whose deliveries were shuffled and dropped within each
// process's view.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkEvents } from '../../checkers/index.ts';
import type { PropertyId } from '../../checkers/index.ts';
import type { DeliverEvent, TraceEvent } from '../../traces/schema.ts';
import { orderViolations } from './order-oracle.ts';
import { validRun } from './valid-trace-arbitrary.ts';

const ORDER: readonly PropertyId[] = ['fifo-order', 'causal-order', 'total-order'];

/** Swaps deliveries of one process within one view, and drops some. */
function scramble(events: readonly TraceEvent[], picks: readonly number[]): TraceEvent[] {
  const mutated = [...events];
  const delivers = mutated.flatMap((event, at) => (event.type === 'deliver' ? [at] : []));
  if (delivers.length === 0) return mutated;
  const dropped = new Set<number>();
  for (let k = 0; k + 1 < picks.length; k += 2) {
    const a = delivers[(picks[k] as number) % delivers.length] as number;
    const b = delivers[(picks[k + 1] as number) % delivers.length] as number;
    const [ea, eb] = [mutated[a] as DeliverEvent, mutated[b] as DeliverEvent];
    if (ea.node === eb.node && ea.view === eb.view) {
      mutated[a] = { ...eb, i: ea.i, t: ea.t };
      mutated[b] = { ...ea, i: eb.i, t: eb.t };
    } else if ((picks[k] as number) % 5 === 0) {
      dropped.add(a);
    }
  }
  return mutated.filter((_, at) => !dropped.has(at)).map((event, i) => ({ ...event, i }));
}

describe('order checkers agree with the literal definitions', () => {
  test.prop([validRun({ maxSteps: 60, endings: ['none'] }), fc.array(fc.nat(), { minLength: 2, maxLength: 12 })], { numRuns: 300 })(
    'same verdict per order property',
    ({ events }, picks) => {
      const scrambled = scramble(events, picks);
      const fast = new Set(checkEvents(scrambled, { maxViolations: 100_000 }).violations.map((v) => v.property));
      const slow = orderViolations(scrambled);
      for (const property of ORDER) expect(fast.has(property), property).toBe(slow.has(property));
    },
  );
});
