// A shrunk scenario is a regression scenario: the real protocol passes it
// (sim/shrink-settle.ts). flush-order-from-coordinator's pinned failure
// shrinks to 3 hosts and 9 multicasts with a settle phase of 1 ms, where the
// real protocol is still busy (not quiet) at the end; the shrink lengthens
// the settle phase to 2 ms, which the real protocol passes and under which
// the mutant still fails self-delivery. Some 10 s: a slow spec.
import { describe, expect, it } from 'vitest';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { runScenario } from '../../sim/run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { shrinkScenario } from '../../sim/shrink.ts';

const mutant = 'flush-order-from-coordinator';

describe('the settle phase of a shrunk safety failure', () => {
  const pin = MUTANT_CATCHES[mutant]!;
  const scenario = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
  const protocolFor = (s: typeof scenario) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s);
  const what: string[] = [];
  const outcome = shrinkScenario(scenario, {
    seed: String(pin.seed), protocolFor, referenceFor: (s) => resolveProtocol(s), onAttempt: (_n, kept, w) => { if (kept) what.push(w); },
  });

  it('is lengthened, last, until the real protocol passes the shrunk scenario', () => {
    expect(outcome.target).toEqual({ kind: 'property', property: 'self-delivery' });
    expect(outcome.after.processes).toBeLessThanOrEqual(3);
    expect(outcome.after.multicasts).toBeLessThanOrEqual(10);
    expect(what.at(-1)).toMatch(/^settle phase \d+ us, which the reference passes$/);
    expect(outcome.referencePasses).toBe(true);
    expect(runScenario(outcome.shrunk, { seed: outcome.seed, protocol: resolveProtocol(outcome.shrunk) }).failure).toBeNull();
    const mutated = runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, mutant) });
    expect(mutated.violations.map((v) => v.property)).toContain('self-delivery');
  });

  it('with the same sizes as without the step: the one before it had 1 ms, which the real protocol fails', () => {
    const withoutStep = { ...outcome.shrunk, settleUs: 1000 };
    expect(runScenario(withoutStep, { seed: outcome.seed, protocol: resolveProtocol(withoutStep) }).failure).toMatch(/^not quiet/);
    expect(outcome.boundHit).toBe(false);
  });
});
