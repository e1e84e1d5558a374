// The strike `lagAcrossViewChange/stale-reply-same-size` reaches its race
// on most seeds: added by the hunt's strike mutation to generator
// scenarios (the stage cleared for it), it fails acceptance-any-view on
// most of ten and the real protocol on none (notes/h4-bench.md measured
// 10, 10 and 9 of 10 on uniform, swarm and random-faults, 0 of 40 each).
import { describe, expect, it } from 'vitest';
import { STALE_REPLY_SAME_SIZE } from '../../scenarios/strike-stale-view.ts';
import { addStrike } from '../../sim/hunt/strike-mutation.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { Rng } from '../../sim/rng.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarios } from '../../sim/scenario-files.ts';

const TRIES = 10;

function failures(file: string, mutant: string | undefined): number {
  const [loaded] = loadScenarios([file]);
  let failed = 0;
  for (let k = 1; k <= TRIES; k++) {
    const added = addStrike(structuredClone(loaded!.forSeed(k)), new Rng(`stale-view-${k}`), 'lagAcrossViewChange', STALE_REPLY_SAME_SIZE);
    if (added === null) throw new Error(`${file} seed ${k}: the strike did not fit`);
    const result = runScenario(added.scenario, { seed: String(k), ...mutantRunOptions(added.scenario, mutant), stopOnViolation: true });
    if (!result.passed) failed++;
  }
  return failed;
}

describe('a stale reply after a view of the same size', () => {
  it.each(['scenarios/isis-uniform.json', 'scenarios/isis-random-faults.json'])('%s: fails acceptance-any-view on at least 7 of 10 seeds, the real protocol on none', (file) => {
    expect(failures(file, 'acceptance-any-view')).toBeGreaterThanOrEqual(7);
    expect(failures(file, undefined)).toBe(0);
  });
});
