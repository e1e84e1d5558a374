// Whether each shrunk failure shows its bug: for every DIR/MUTANT.json that
// `mutants.ts --out DIR` wrote (its seed in `seeds`), the mutant must fail
// the pinned run's first property there and the real protocol must not
// (for a liveness property a shrunk scenario can fail by itself). Prints
// one line a file, the count of those that show their bug and of those the
// real protocol passes outright (nothing else failed either). Run:
//   npx tsx bench/shrink/real-passes.ts DIR
import { readdirSync } from 'node:fs';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { runScenario } from '../../sim/run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { failsSameWay, targetOf } from '../../sim/shrink.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: npx tsx bench/shrink/real-passes.ts DIR');
let shown = 0;
let files = 0;
// Stricter: the mutant fails the target and the real protocol passes the file outright (a regression scenario).
let regression = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const mutant = file.replace(/\.json$/, '');
  const pin = MUTANT_CATCHES[mutant];
  if (pin === undefined) continue;
  const pinned = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
  const target = targetOf(runScenario(pinned, { seed: String(pin.seed), ...mutantRunOptions(pinned, mutant) }));
  if (target === null) continue;
  const loaded = loadScenarioFile(`${dir}/${file}`);
  const seed = String(loaded.seeds[0]);
  const shrunk = loaded.forSeed(Number(seed));
  const withBug = failsSameWay(runScenario(shrunk, { seed, ...mutantRunOptions(shrunk, mutant) }), target);
  const real = runScenario(shrunk, { seed });
  const realFails = failsSameWay(real, target);
  files++;
  if (withBug && !realFails) shown++;
  if (withBug && real.passed) regression++;
  const name = target.kind === 'property' ? target.property : target.failure;
  process.stdout.write(`${mutant.padEnd(28)} ${name.padEnd(18)} mutant ${withBug ? 'fails' : 'PASSES'}, real protocol ${realFails ? 'FAILS it too' : 'does not'}${real.passed ? '' : ` (real fails: ${real.violations.map((v) => v.property).join(', ') || real.failure})`}\n`);
}
process.stdout.write(`${shown} of ${files} shrunk failures show their bug; the real protocol passes ${regression} of them outright\n`);
