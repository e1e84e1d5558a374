import { describe, expect, it } from 'vitest';
import { NetworkEventIndex, sameFailure } from '../../sim/detail-rerecord.ts';
import type { RunResult } from '../../sim/run.ts';
import type { TraceEvent } from '../../traces/schema.ts';

function indexOf(types: string[]): NetworkEventIndex {
  const index = new NetworkEventIndex();
  types.forEach((type, i) => index.onEvent({ type, i, t: 0 } as TraceEvent));
  return index;
}

function result(failure: string | null, violations: RunResult['violations']): RunResult {
  return { failure, violations } as RunResult;
}

describe('NetworkEventIndex', () => {
  it('maps an index of a detailed trace to the same event in the app trace', () => {
    //                    0       1       2        3       4       5        6
    const index = indexOf(['start', 'send', 'recv', 'deliver', 'timer', 'drop', 'end']);
    expect([0, 3, 6].map((i) => index.appIndex(i))).toEqual([0, 1, 2]);
  });
});

describe('sameFailure', () => {
  const v = { property: 'fifo-order', message: 'p2 delivers p1:2 before p1:1.', events: [0, 1] };
  it('null when the failure and the violations (in app numbering) agree', () => {
    const index = indexOf(['start', 'send', 'recv', 'deliver']);
    expect(sameFailure(result('violated: fifo-order', [v]), null, result('violated: fifo-order', [{ ...v, events: [0, 3] }]), index)).toBeNull();
  });
  it('names what differs: the failure, the count, a violation\'s events', () => {
    const index = indexOf(['start', 'send', 'recv', 'deliver']);
    expect(sameFailure(result('a', [v]), null, result('b', [v]), index)).toMatch(/failure "a" became "b"/);
    expect(sameFailure(result('a', [v]), null, result('a', []), index)).toMatch(/1 violations became 0/);
    expect(sameFailure(result('a', [v]), null, result('a', [{ ...v, events: [0] }]), index)).toMatch(/violation 1 differs/);
  });
  it('maps the first run too when it was recorded with network events', () => {
    const first = indexOf(['start', 'send', 'deliver']);
    const second = indexOf(['start', 'send', 'timer', 'recv', 'deliver']);
    expect(sameFailure(result('a', [{ ...v, events: [0, 2] }]), first, result('a', [{ ...v, events: [0, 4] }]), second)).toBeNull();
  });
});
