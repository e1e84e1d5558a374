// The faster failure detector pass: for the isis stack, the suspicion
// timeout and heartbeat period at a quarter and a half, kept valid; never
// for another protocol, an external detector, a liveness failure, or a
// search whose protocol object is fixed (the candidate's options would be
// ignored).
import { describe, expect, it } from 'vitest';
import { candidates, PASS, type CurrentRun } from '../../sim/shrink-candidates.ts';
import { fasterFailureDetectors } from '../../sim/shrink-timers.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { runScenario } from '../../sim/run.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const isis = baseScenario({ protocol: { name: 'isis' }, processes: 3, durationUs: 100_000 });
const known: CurrentRun = { result: runScenario(isis, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };

describe('a faster failure detector', () => {
  it('scales the default timers to a quarter and a half, fastest first, and the protocol accepts them', () => {
    const faster = fasterFailureDetectors(isis);
    expect(faster.map((f) => f.scenario.protocol.options)).toEqual([
      { suspectTimeoutUs: 15_000, heartbeatIntervalUs: 2_500 },
      { suspectTimeoutUs: 30_000, heartbeatIntervalUs: 5_000 },
    ]);
    for (const f of faster) expect(() => resolveProtocol(f.scenario)).not.toThrow();
  });

  it('stops at 4 ms and 1 ms, keeps suspicion at two heartbeats or more, and keeps other options', () => {
    const fast = { ...isis, protocol: { name: 'isis', options: { suspectTimeoutUs: 6_000, heartbeatIntervalUs: 3_000, ackDelayUs: 500 } } };
    const faster = fasterFailureDetectors(fast);
    expect(faster.map((f) => f.scenario.protocol.options)).toEqual([{ suspectTimeoutUs: 4_000, heartbeatIntervalUs: 1_000, ackDelayUs: 500 }]);
    for (const f of faster) expect(() => resolveProtocol(f.scenario)).not.toThrow();
    const fastest = { ...isis, protocol: { name: 'isis', options: { suspectTimeoutUs: 4_000, heartbeatIntervalUs: 1_000 } } };
    expect(fasterFailureDetectors(fastest)).toEqual([]);
  });

  it('is not offered for another protocol or an external detector', () => {
    expect(fasterFailureDetectors(baseScenario())).toEqual([]);
    expect(fasterFailureDetectors({ ...isis, protocol: { name: 'isis', options: { failureDetector: 'external' } } })).toEqual([]);
  });

  it('is a candidate for a safety failure when candidates build their own protocol, never for liveness', () => {
    const timers = (target: Parameters<typeof candidates>[2], protocolOptions: boolean): number =>
      [...candidates(isis, known, target, { protocolOptions })].filter((c) => c.pass === PASS.timers).length;
    expect(timers({ kind: 'property', property: 'total-order' }, true)).toBe(2);
    expect(timers({ kind: 'property', property: 'total-order' }, false)).toBe(0);
    expect(timers({ kind: 'property', property: 'view-convergence' }, true)).toBe(0);
  });
});
