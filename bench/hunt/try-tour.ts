// How often the strike tour's candidates (several strikes staged at once: sim/hunt/tour-strikes.ts) fail a
// mutant or, with `none`, the real protocol (which must pass every one): run k draws a tour candidate's picks
// from a fresh tally (only those with more than one strike unless ALL=1), stages them on the generator file's
// seed k (skipped when it takes no strike) and runs it with seed k. Run:
//   npx tsx bench/hunt/try-tour.ts <mutant|none> [n] [file]
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { executeRun } from '../../sim/suite/execute.ts';
import { takesStrikes } from '../../sim/hunt/mutate.ts';
import { StrikeCoverage } from '../../sim/hunt/strike-coverage.ts';
import { addStrikes } from '../../sim/hunt/strike-mutation.ts';
import { tourPicks } from '../../sim/hunt/tour-strikes.ts';
import { Rng } from '../../sim/rng.ts';

const [mutant = 'none', nText, file] = process.argv.slice(2);
const n = Number(nText ?? 20);
const g = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${file ?? 'isis-uniform.json'}`);
const failed: string[] = [];
let staged = 0;
for (let k = 1; staged < n && k <= 20 * n; k++) {
  const s = g.forSeed(k);
  // The hunt stages strikes only on what may take one (a swarm seed past a minority may not).
  if (!takesStrikes(s)) continue;
  const rng = new Rng(`try-tour-${k}`);
  const picks = tourPicks(new StrikeCoverage(), rng, s.processes, undefined);
  if (picks.length < 2 && process.env['ALL'] !== '1') continue;
  const added = addStrikes(structuredClone(s), rng, picks);
  if (added === null) continue;
  staged++;
  const o = executeRun({ index: 0, file: 'x', scenario: added.scenario, seed: k, stopOnViolation: true, plugins: [], ...(mutant === 'none' ? {} : { mutant }) });
  if (!o.result.passed) failed.push(`seed ${k}: ${o.result.failure ?? o.result.violations[0]?.property} (${added.what})`);
}
process.stdout.write(`${mutant} ${file ?? 'isis-uniform.json'}: ${failed.length} of ${staged} tour candidates fail\n${failed.map((d) => `   ${d}\n`).join('')}`);
