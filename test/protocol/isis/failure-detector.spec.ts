import { describe, expect, it } from 'vitest';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import type { IsisState } from '../../../protocol/isis/isis-state.ts';
import { Harness } from './harness.ts';

describe('heartbeat failure detector', () => {
  it('sends heartbeats each period and suspects a member silent past the timeout', () => {
    const h = new Harness(makeIsisProtocol({ heartbeatIntervalUs: 10_000, suspectTimeoutUs: 30_000 }));
    h.startGroup(['p1', 'p2', 'p3']);
    expect(h.timers.get('p1')?.get('hb')).toBe(10_000);
    h.inFlight.length = 0;
    h.crash('p3');
    for (let k = 0; k < 3; k++) {
      for (const p of ['p1', 'p2']) h.fire(p, 'hb');
      h.run();
    }
    expect(h.notes('p1')).toContain('suspect p3');
    expect(h.notes('p1')).not.toContain('suspect p2');
    // p1 coordinates: the suspicion started a view change.
    expect(h.notes('p1')).toContain('view-change-begin');
  });

  it('anything heard resets the count; a suspect heard from again is no longer suspected', () => {
    const h = new Harness(makeIsisProtocol({ heartbeatIntervalUs: 10_000, suspectTimeoutUs: 20_000 }));
    h.startGroup(['p1', 'p2', 'p3']);
    h.inFlight.length = 0;
    for (let k = 0; k < 2; k++) h.fire('p2', 'hb');
    expect(h.state<IsisState>('p2').gms.suspects).toEqual(['p1', 'p3']);
    h.inFlight.length = 0;
    h.fire('p1', 'hb');
    h.run(100, (m) => m.to !== 'p2');
    expect(h.state<IsisState>('p2').gms.suspects).toEqual(['p3']);
    expect(h.notes('p2')).toContain('unsuspect p1');
  });

  it('with the external detector sets no heartbeat timer at all', () => {
    const h = new Harness(makeIsisProtocol({ failureDetector: 'external', reliableNetwork: true }));
    h.startGroup(['p1', 'p2', 'p3']);
    expect(h.timers.get('p1')?.size ?? 0).toBe(0);
    expect(h.inFlight).toEqual([]);
  });
});
