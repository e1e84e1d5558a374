// Where each mutant's pinned failure happens: the time of the first event
// of the first violation of the shrink's target, and how many multicasts
// were issued by then, against the fault phase and the whole run. Shows
// which failures a cut at the violation shrinks for free. Run:
//   npx tsx bench/shrink/diagnose.ts [--only a,b]
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { runScenario } from '../../sim/run.ts';
import { targetOf } from '../../sim/shrink.ts';
import { printTable } from '../report.ts';

const at = process.argv.indexOf('--only');
const only = at < 0 ? undefined : process.argv[at + 1]?.split(',');
const rows: string[][] = [];
const skip = process.argv.indexOf('--skip') < 0 ? [] : (process.argv[process.argv.indexOf('--skip') + 1] ?? '').split(',');
for (const mutant of MUTANTS.filter((m) => (only === undefined || only.includes(m.name)) && !skip.includes(m.name))) {
  const pin = MUTANT_CATCHES[mutant.name];
  if (pin === undefined) continue;
  const scenario = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
  const options = { seed: String(pin.seed), stopOnViolation: false, ...mutantRunOptions(scenario, mutant.name) };
  const times: number[] = [];
  const bcastsBefore: number[] = [];
  let bcasts = 0;
  const result = runScenario(scenario, {
    ...options,
    onEvent: (e) => {
      if (e.type === 'bcast') bcasts++;
      times.push(e.t);
      bcastsBefore.push(bcasts);
    },
  });
  const target = targetOf(result);
  const v = result.violations.find((x) => target?.kind === 'property' && x.property === target.property);
  const last = v === undefined ? -1 : Math.max(...v.events);
  const row = [
    mutant.name,
    target === null ? 'passes' : target.kind === 'property' ? target.property : target.failure,
    `${scenario.processes} p`,
    String(result.multicasts),
    `${Math.round(scenario.durationUs / 1000)} ms`,
    last < 0 ? '-' : `${Math.round((times[last] ?? 0) / 1000)} ms`,
    last < 0 ? '-' : String(bcastsBefore[last]),
    `${scenario.workload.multicastsPerSecond}/s max ${scenario.workload.maxMulticasts ?? '-'}`,
    String(scenario.faults?.schedule?.length ?? 0) + (scenario.faults?.random !== undefined ? '+random' : ''),
  ];
  rows.push(row);
  process.stderr.write(`${row.join(' | ')}\n`);
}
printTable(['mutant', 'target', 'hosts', 'mc', 'fault phase', 'violation at', 'bcasts by then', 'workload', 'faults'], rows);
