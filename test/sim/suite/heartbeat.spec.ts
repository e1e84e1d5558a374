// The suite worker's heartbeat: the pool sees a stall only while a run is in
// hand and no slice has ended for longer than the bound.
import { describe, expect, it } from 'vitest';
import { Heartbeat, heartbeatBuffer, HeartbeatWatch } from '../../../sim/suite/heartbeat.ts';

describe('HeartbeatWatch', () => {
  it('is stalled only after the bound passes with a run in hand and no beat', () => {
    const buffer = heartbeatBuffer();
    const worker = new Heartbeat(buffer);
    const pool = new HeartbeatWatch(buffer);
    // Idle (no run in hand): never stalled, however long.
    expect(pool.stalled(0, 100)).toBe(false);
    expect(pool.stalled(10_000, 100)).toBe(false);
    worker.running(true);
    expect(pool.stalled(10_050, 100)).toBe(false); // the start is a beat: the clock starts here
    expect(pool.stalled(10_150, 100)).toBe(false); // 100 ms: not more than the bound
    worker.beat();
    expect(pool.stalled(10_151, 100)).toBe(false); // a slice ended: the clock starts again
    expect(pool.stalled(10_251, 100)).toBe(false);
    expect(pool.stalled(10_252, 100)).toBe(true);
    worker.running(false);
    expect(pool.stalled(20_000, 100)).toBe(false);
  });
});
