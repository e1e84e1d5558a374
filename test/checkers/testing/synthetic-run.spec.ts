import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import { synthesizeRun } from '../../../checkers/testing/synthetic-run.ts';
import type { SyntheticRunOptions } from '../../../checkers/testing/synthetic-run.ts';

function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
}

const run = (options: Partial<SyntheticRunOptions> & { seed: number }) =>
  [...synthesizeRun({ initialMembers: 4, steps: 300, choose: lcg(options.seed), ...options })];

describe('synthesizeRun', () => {
  it('is deterministic: the same choices give the same events', () => {
    expect(run({ seed: 11 })).toEqual(run({ seed: 11 }));
    expect(run({ seed: 11 })).not.toEqual(run({ seed: 12 }));
  });

  it('numbers events from 0 with non-decreasing times and ends as asked', () => {
    const events = run({ seed: 3 });
    events.forEach((event, i) => expect(event.i).toBe(i));
    for (let k = 1; k < events.length; k++) expect(events[k]!.t).toBeGreaterThanOrEqual(events[k - 1]!.t);
    expect(events.at(-1)).toMatchObject({ type: 'end', quiescent: true });
    expect(run({ seed: 3, ending: 'not-quiescent' }).at(-1)).toMatchObject({ type: 'end', quiescent: false });
    expect(run({ seed: 3, ending: 'none' }).some((event) => event.type === 'end')).toBe(false);
  });

  it('writes valid traces with view changes, faults and all three orders', () => {
    const kinds = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const events = run({ seed, weights: { crash: 2, leave: 2, join: 3, partition: 2, viewChange: 10 } });
      for (const event of events) kinds.add(event.type === 'bcast' ? `bcast:${(event as { order: string }).order}` : event.type);
      expect(checkEvents(events).violations).toEqual([]);
    }
    for (const kind of ['view', 'crash', 'exit', 'partition', 'heal', 'bcast:fifo', 'bcast:causal', 'bcast:total', 'deliver']) {
      expect(kinds).toContain(kind);
    }
  });

  it('keeps stepping until minEvents', () => {
    expect(run({ seed: 5, steps: 0, minEvents: 5000 }).length).toBeGreaterThanOrEqual(5000);
  });
});
