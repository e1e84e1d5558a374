// The write ledger on a long run stays flat: the soak scenario (random
// crashes, restarts, partitions) at 1x and 4x its fault phase keeps about as
// many writes at once, far fewer than the run multicasts, and none at the end.
import { describe, expect, it } from 'vitest';
import type { WriteLedger } from '../../sim/replica-writes.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';

function soakRun(seconds: number): { passed: boolean; multicasts: number; peak: number; atEnd: number } {
  const base = loadScenarioFile('scenarios/soak/isis-soak.json').forSeed(1);
  const durationUs = seconds * 1_000_000;
  const scenario = { ...base, durationUs, workload: { ...base.workload, maxMulticasts: base.workload.multicastsPerSecond * seconds } };
  let ledger: WriteLedger | undefined;
  const result = runScenario(scenario, { seed: '1', checker: null, onWriteLedger: (made) => (ledger = made) });
  if (ledger === undefined) throw new Error('the run made no write ledger');
  return { passed: result.passed, multicasts: result.multicasts, peak: ledger.peakOutstandingWrites, atEnd: ledger.outstandingWrites };
}

describe('WriteLedger on a long run', () => {
  it('keeps at most about as many writes at 4x the fault phase as at 1x, none at the end', () => {
    const short = soakRun(1);
    const long = soakRun(4);
    expect([short.passed, long.passed]).toEqual([true, true]);
    expect(long.multicasts).toBeGreaterThanOrEqual(3 * short.multicasts);
    // A third of the multicasts are total-order writes: a ledger that kept them all would hold some 1,300 here.
    expect(long.peak).toBeGreaterThan(0);
    expect(long.peak).toBeLessThanOrEqual(2 * Math.max(short.peak, 16));
    expect(long.peak).toBeLessThan(long.multicasts / 30);
    expect([short.atEnd, long.atEnd]).toEqual([0, 0]);
  });
});
