// A run of the ISIS stack whose replicas never apply a write (kv-app.ts's
// store mutated away: every map stays empty, equal) still fails at the end,
// with the write ledger forgetting delivered writes as it goes, under random
// crashes, restarts and partitions.
import { describe, expect, it } from 'vitest';
import { kvDigest } from '../../protocol/isis/kv-app.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import type { WriteLedger } from '../../sim/replica-writes.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';

describe('a run whose replicas ignore every write', () => {
  it.each(['2', '3'])('fails as writes not applied (isis-random-faults, seed %s), with a ledger empty at the end', (seed) => {
    const scenario = loadScenarioFile('scenarios/isis-random-faults.json').forSeed(Number(seed));
    const real = resolveProtocol(scenario);
    const ignoresWrites: AnyProtocol = { ...real, appDigest: (state) => (real.appDigest?.(state) === null ? null : kvDigest({})) };
    let ledger: WriteLedger | undefined;
    const result = runScenario(scenario, { seed, protocol: ignoresWrites, onWriteLedger: (made) => (ledger = made) });
    expect(result.replicasAgree).toBe(true);
    expect(result.failure).toMatch(/^replica p\d+ holds \[\] but the [1-9]\d* total-order writes it delivered make \[\["k/);
    expect(ledger?.outstandingWrites).toBe(0);
    expect(ledger?.peakOutstandingWrites).toBeGreaterThan(0);
    // The real stack passes the same run.
    expect(runScenario(scenario, { seed }).failure).toBeNull();
  });
});
