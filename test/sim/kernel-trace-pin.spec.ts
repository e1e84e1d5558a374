// The timed kernel's traces, pinned. The simulator's hot path (the event
// queue, the network's draws, pooled message events, the timers' lookup) may
// be restructured for speed only if every trace stays the same bytes; these
// digests were recorded before the speed-ups of issue 15 and must never
// change. The protocol is the simple flood fixture (not ISIS, whose own
// changes would move the digests): messages, a periodic timer, drift, loss,
// duplication, a slow link, a partition and a crash, at every detail level.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const stormy = baseScenario({
  name: 'kernel-pin',
  processes: 4,
  network: { delay: { minUs: 100, meanUs: 900, jitterUs: 700 }, lossProbability: 0.05, duplicateProbability: 0.1 },
  workload: { multicastsPerSecond: 400, orders: { fifo: 1, causal: 0, total: 0 } },
  clockDriftPpm: { p2: 250, p3: -400 },
  durationUs: 400_000,
  settleUs: 100_000,
  faults: {
    schedule: [
      { type: 'link', atUs: 50_000, from: 'p1', to: 'p2', delay: { minUs: 5_000, meanUs: 8_000, jitterUs: 1_000 } },
      { type: 'partition', atUs: 120_000, groups: [['p1', 'p2'], ['p3', 'p4']] },
      { type: 'heal', atUs: 200_000 },
      { type: 'link-reset', atUs: 250_000 },
      { type: 'crash', atUs: 300_000, host: 'p4' },
    ],
  },
});

function digest(seed: string, detail: TraceDetail): { sha: string; events: number } {
  const sink = new MemoryTraceSink();
  const result = runScenario(stormy, { seed, protocol: floodProtocol({ tickUs: 7_000 }), traceSink: sink, detail, checker: null });
  return { sha: createHash('sha256').update(sink.text()).digest('hex').slice(0, 16), events: result.simEvents };
}

describe('the timed kernel', () => {
  it('writes the pinned bytes for each seed and detail level', () => {
    const got: Record<string, string> = {};
    for (const seed of ['1', '2'])
      for (const detail of ['app', 'net', 'full'] as const) {
        const d = digest(seed, detail);
        got[`${seed}/${detail}`] = `${d.events} ${d.sha}`;
      }
    expect(got).toEqual(PINNED);
  });
});

// Recorded on main at ec831e9, before the changes (simEvents, then the trace's SHA-256 prefix).
const PINNED: Record<string, string> = {
  '1/app': '1086 97c30f0a0131b6ab',
  '1/net': '1086 446d23ea434b43fa',
  '1/full': '1086 b39d39092b83a85e',
  '2/app': '1140 ab2a8726e69ef82c',
  '2/net': '1140 b894a6ea2fd8be12',
  '2/full': '1140 7c8b2ce31177189d',
};
