// How often one strike variant, added by the hunt's strike mutation (sim/hunt/strike-mutation.ts), fails a
// mutant (or, with `none`, the real protocol): runs 1..n, each with its own strike draw and run seed, on
// one generator seed's scenario (or seed k for run k: `each`), as it is, with its scheduled faults, joins
// and leaves dropped (`schedule`), or those and its random faults (`clear`). NOLOSS=1: no loss nor
// duplication; SEQCLEAN=1: the sequencer's links clean. Run:
//   npx tsx bench/hunt/try-strike.ts <mutant|none> <kind>/<variant...> [n] [file] [base-seed|each] [schedule|clear]
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { executeRun } from '../../sim/suite/execute.ts';
import { addStrike } from '../../sim/hunt/strike-mutation.ts';
import { Rng } from '../../sim/rng.ts';
import type { StrikeKind } from '../../scenarios/strikes.ts';
import type { Scenario } from '../../scenarios/types.ts';

const [mutant, key, nText, file, baseText, clearText] = process.argv.slice(2) as [string, string, string?, string?, string?, string?];
const [kind, ...rest] = key.split('/');
const variant = rest.join('/');
const n = Number(nText ?? 10);
const g = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${file ?? 'isis-uniform.json'}`);
const failed: number[] = [];
const details: string[] = [];
for (let k = 1; k <= n; k++) {
  let s: Scenario = structuredClone(g.forSeed(baseText === 'each' ? k : Number(baseText ?? 1)));
  if (clearText === 'schedule') {
    const { schedule: _s, ...faults } = s.faults ?? {};
    const { joins: _j, leaves: _l, ...workload } = s.workload;
    s = { ...s, faults, workload };
  }
  if (clearText === 'clear') {
    const { schedule: _s, random: _r, ...faults } = s.faults ?? {};
    const { joins: _j, leaves: _l, ...workload } = s.workload;
    s = { ...s, faults, workload };
  }
  if (process.env['NOLOSS'] === '1') s = { ...s, network: { ...s.network, lossProbability: 0, duplicateProbability: 0 } };
  const added = addStrike(s, new Rng(`try-${k}`), kind as StrikeKind, variant);
  if (added === null) { details.push(`${k}: no room`); continue; }
  if (process.env['SEQCLEAN'] === '1') {
    const links = ['p1', 'p2', 'p3', 'p4', 'p5'].map((to) => ({ type: 'link' as const, from: 'sequencer', to, bidirectional: false, atUs: 0, lossProbability: 0, duplicateProbability: 0 }));
    added.scenario = { ...added.scenario, faults: { ...added.scenario.faults, schedule: [...links, ...(added.scenario.faults?.schedule ?? [])] } };
  }
  const o = executeRun({ index: 0, file: 'x', scenario: added.scenario, seed: k, stopOnViolation: true, plugins: [], ...(mutant === 'none' ? {} : { mutant }) });
  if (!o.result.passed) { failed.push(k); details.push(`${k}: ${o.result.failure ?? o.result.violations[0]?.property}`); }
}
process.stdout.write(`${mutant} ${key} ${file ?? 'isis-uniform.json'} base ${baseText ?? 1} ${clearText ?? ''}: ${failed.length} of ${n} fail [${failed.join(',')}]\n${details.map((d) => `   ${d}\n`).join('')}`);
