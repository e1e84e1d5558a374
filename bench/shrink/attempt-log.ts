// One pinned failure's shrink, attempt by attempt: every candidate run with
// whether it was kept, and the size after each kept one, to see where a
// shrink spends its attempts. Run:
//   npx tsx bench/shrink/attempt-log.ts MUTANT [--all] [--max-attempts N] [--out FILE.json] [--pin FILE:SEED]
// (--all: every attempt, not only the kept ones.)
import { writeFileSync } from 'node:fs';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { hrSeconds } from '../report.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const mutant = process.argv[2];
if (mutant === undefined || mutant.startsWith('--')) throw new Error('expected MUTANT');
const pinOption = option('--pin');
const pin = pinOption === undefined ? MUTANT_CATCHES[mutant]
  : { file: pinOption.replace(/:[0-9]+$/, ''), seed: Number(/:([0-9]+)$/.exec(pinOption)?.[1] ?? NaN) };
if (pin === undefined) throw new Error(`${mutant}: no pinned catch`);
// A path (./x.json, /tmp/x.json: a scenario `--out` wrote) or a suite file (isis-uniform.json, regressions/...).
const direct = pin.file.startsWith('/') || pin.file.startsWith('.');
const scenario: Scenario = loadScenarioFile(direct ? pin.file : `${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
const options = { seed: String(pin.seed), ...mutantRunOptions(scenario, mutant) };
const protocolFor = (s: Scenario) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s);
const referenceFor = options.protocol !== undefined ? (s: Scenario) => resolveProtocol(s) : undefined;
const maxAttempts = option('--max-attempts');
const started = process.hrtime.bigint();
const outcome = shrinkScenario(scenario, {
  ...options,
  protocolFor,
  ...(referenceFor !== undefined ? { referenceFor } : {}),
  ...(maxAttempts !== undefined ? { maxAttempts: Number(maxAttempts) } : {}),
  onAttempt: (attempt, kept, what) => {
    if (kept || process.argv.includes('--all')) process.stdout.write(`${attempt}${kept ? ' KEPT' : ''} ${what} (${hrSeconds(started).toFixed(1)} s)\n`);
  },
});
const out = option('--out');
if (out !== undefined) writeFileSync(out, `${JSON.stringify({ ...outcome.shrunk, seeds: [Number(outcome.seed)] }, null, 2)}\n`);
process.stdout.write(`${mutant}: ${outcome.before.processes}+${outcome.before.joiners} p, ${outcome.before.multicasts} mc -> ` +
  `${outcome.after.processes}+${outcome.after.joiners} p, ${outcome.after.multicasts} mc, ${outcome.attempts} att${outcome.boundHit ? ' (bound hit)' : ''}, ` +
  `seed ${outcome.seed}, ${hrSeconds(started).toFixed(0)} s\n`);
