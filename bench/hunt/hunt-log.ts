// One hunt, run by run: what made each candidate, whether it passed and was kept (a throw-away look at the hunt column). Run:
//   npx tsx bench/hunt/hunt-log.ts <mutant> [runs] [hunt-seed]
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';

const mutant = process.argv[2];
const runs = Number(process.argv[3] ?? 12);
const seed = Number(process.argv[4] ?? 1);
const generators = ['isis-uniform.json', 'isis-swarm.json'].map((f) => ({ ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${f}`), file: `scenarios/${f}` }));
const result = await hunt(generators, protocolScope(), {
  seed, maxRuns: runs, ...(mutant !== undefined && mutant !== 'none' ? { mutant } : {}), shrink: false, stopAtFirstFinding: true,
  onRun: (r) => process.stdout.write(`run ${r.run}: ${r.passed ? 'pass' : 'FAIL'} kept=${r.kept} ${r.scenario} seed=${r.seed}\n   ${r.changes.join(' | ')}\n`),
});
process.stdout.write(`findings: ${result.findings.map((f) => `run ${f.run}`).join(', ') || 'none'}\n`);
for (const t of result.strikes.filter((t) => t.tries > 0)) process.stdout.write(`  ${t.kind}/${t.variant}: ${t.tries} tries, ${t.kept} kept\n`);
