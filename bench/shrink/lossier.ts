// Whether more loss opens a host drop: a suite scenario's failing run under
// a mutant, its random faults written out as a schedule (as the shrinker's
// first step does), optionally with some hosts dropped first, then each
// host dropped at the run's own loss and at raised losses, on seeds 1..S;
// prints on how many each fails the way the run does (sim/shrink.ts,
// failsSameWay against the run). Session 7's check of a lossier host drop
// for a race on a lost copy (late-message-new-view). Run:
//   npx tsx bench/shrink/lossier.ts FILE SEED MUTANT [--seeds S] [--losses 0.1,0.3] [--drop K,K]
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, targetOf } from '../../sim/shrink.ts';
import { withoutHost } from '../../sim/shrink-hosts.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { benchArgs } from '../args.ts';

const args = benchArgs(process.argv.slice(2), ['--seeds', '--losses', '--drop']);
const option = args.valueOf;
const [file, seedText, mutant] = args.positionals;
if (file === undefined || seedText === undefined || mutant === undefined) throw new Error('expected FILE SEED MUTANT');
const seeds = Number(option('--seeds') ?? 30);
const losses = (option('--losses') ?? '0.1,0.3').split(',').map(Number);
const drops = (option('--drop') ?? '').split(',').filter((k) => k !== '').map(Number);
const generated = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${file}`).forSeed(Number(seedText));
const first = runScenario(generated, { seed: seedText, ...mutantRunOptions(generated, mutant) });
const target = targetOf(first);
if (target === null) throw new Error(`${file} seed ${seedText} passes under ${mutant}`);
const { random: _random, ...faults } = generated.faults ?? {};
let base: Scenario = { ...generated, faults: { ...faults, schedule: [...(faults.schedule ?? []), ...first.randomFaults] } };
for (const k of drops) base = withoutHost(base, k);
const lossy = (s: Scenario, lossProbability: number): Scenario => ({ ...s, network: { ...s.network, lossProbability } });
const count = (s: Scenario): string => {
  if (!isValidScenario(s)) return 'invalid';
  const failing: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    if (failsSameWay(runScenario(s, { seed: String(seed), ...mutantRunOptions(s, mutant) }), target, first)) failing.push(seed);
  }
  return `${failing.length}/${seeds}${failing.length > 0 ? ` (${failing.slice(0, 5).join(', ')})` : ''}`;
};
const row = (what: string, s: Scenario): void => {
  process.stdout.write(`  ${what.padEnd(24)} loss ${s.network.lossProbability}: ${count(s)}${losses.map((l) => ` | loss ${l}: ${count(lossy(s, l))}`).join('')}\n`);
};
process.stdout.write(`${file} seed ${seedText} under ${mutant}: ${target.kind === 'property' ? target.property : target.failure}; random faults written out${drops.length > 0 ? `, hosts ${drops.map((k) => `p${k}`).join(' then ')} dropped` : ''}; on seeds 1..${seeds}:\n`);
row(`as is (${base.processes} p)`, base);
for (let k = base.processes; k >= 1 && base.processes > 1; k--) row(`drop p${k} (${base.processes - 1} p)`, withoutHost(base, k));
