// total-order judged again exactly after repeated deliveries: a repeat can
// undo the inversion the online judge kept while another pair of deliveries
// still disagrees.
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../checkers/index.ts';
import { trace } from './trace-builder.ts';
import { undoneInversion } from './undone-inversions.ts';
import { referenceVerdicts } from './reference/reference-checker.ts';
import type { Ev } from './reference/reference-checker.ts';

describe('total-order after repeated deliveries', () => {
  it('finds an inversion the online judge did not keep, once the one it kept is undone', () => {
    // p: a, b, a again (so both "a before b" and "b before a"); q: b, a (only
    // "b before a"). The inversion seen at q's delivery of a is undone by p's
    // repeat, but p still delivers a before b and q does not. (Before the
    // exact pass this was unknown.)
    const events = trace()
      .group('p', 'q')
      .bcast('p', 'a', 'total', 1)
      .deliver('p', 'a', 'p', 1)
      .bcast('p', 'b', 'total', 1)
      .deliverAt(['q', 'p'], 'b', 'p', 1)
      .deliver('q', 'a', 'p', 1)
      .deliver('p', 'a', 'p', 1).events;
    const result = checkEvents(events);
    const reference = referenceVerdicts(events as unknown as Ev[]).get('total-order')!;
    expect(reference.status).toBe('violated');
    expect(result.verdicts.find((v) => v.property === 'total-order')!.status).toBe('violated');
    const named = result.violations.filter((v) => v.property === 'total-order').flatMap((v) => v.events);
    expect(named.some((i) => reference.culprits.has(i))).toBe(true);
    expect(result.unknown).toEqual([]);
  });

  it('is held when every inversion was undone by repeats', () => {
    const events = undoneInversion().events;
    const result = checkEvents(events);
    expect(referenceVerdicts(events as unknown as Ev[]).get('total-order')!.status).toBe('held');
    expect(result.verdicts.find((v) => v.property === 'total-order')!.status).toBe('held');
    expect(result.violations.filter((v) => v.property === 'total-order')).toEqual([]);
  });
});
