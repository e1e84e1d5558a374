// The mutant whose failure the shrinker could not shrink before session 7:
// leave-relies-on-lost-ack fails view-convergence (a liveness property), so
// no candidate could change what the group does (two of three members
// leaving fail it with the correct protocol too, on some seeds). With the
// real protocol as the reference, which must pass every kept candidate,
// a leave is added and the crash-as-leave rewrite applies: the failure ends
// within the aim, and it is the bug's (the real protocol passes it).
import { describe, expect, it } from 'vitest';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { runScenario } from '../../sim/run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import type { Scenario } from '../../scenarios/types.ts';

const MUTANT = 'leave-relies-on-lost-ack';

describe(`shrinking ${MUTANT} with the real protocol as the reference`, () => {
  it('ends within the aim, failing view-convergence where the real protocol passes', () => {
    const pin = MUTANT_CATCHES[MUTANT]!;
    const scenario = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
    const protocolFor = (s: Scenario) => mutantRunOptions(s, MUTANT).protocol ?? resolveProtocol(s);
    const outcome = shrinkScenario(scenario, { seed: String(pin.seed), ...mutantRunOptions(scenario, MUTANT), protocolFor, referenceFor: resolveProtocol });
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-convergence' });
    expect(outcome.boundHit).toBe(false);
    expect(outcome.after.processes).toBeLessThanOrEqual(3);
    expect(outcome.after.multicasts).toBeLessThanOrEqual(10);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, MUTANT) }), outcome.target)).toBe(true);
    expect(runScenario(outcome.shrunk, { seed: outcome.seed }).passed).toBe(true);
  }, 600_000);
});
