// One hunt, run by run: what made each candidate, whether it passed and was kept, what it reached first
// (protocol branch points and trace facts, and the totals so far: how much ground the first runs cover,
// whatever the bug), a throw-away look at the hunt column. Run:
//   npx tsx bench/hunt/hunt-log.ts <mutant> [runs] [hunt-seed]
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { hunt } from '../../sim/hunt/hunt.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';

const mutant = process.argv[2];
const runs = Number(process.argv[3] ?? 12);
const seed = Number(process.argv[4] ?? 1);
const generators = ['isis-uniform.json', 'isis-swarm.json'].map((f) => ({ ...loadScenarioFile(`${DEFAULT_SUITE_DIR}/${f}`), file: `scenarios/${f}` }));
let branches = 0;
let facts = 0;
const result = await hunt(generators, protocolScope(), {
  seed, maxRuns: runs, ...(mutant !== undefined && mutant !== 'none' ? { mutant } : {}), shrink: false, stopAtFirstFinding: true,
  onRun: (r) => {
    branches += r.freshBranches;
    facts += r.freshFacts;
    const fresh = `fresh ${r.freshBranches} branches ${r.freshFacts} facts (so far ${branches}, ${facts})`;
    process.stdout.write(`run ${r.run}: ${r.passed ? 'pass' : 'FAIL'} kept=${r.kept} ${r.scenario} seed=${r.seed} ${fresh}\n   ${r.changes.join(' | ')}\n`);
  },
});
process.stdout.write(`findings: ${result.findings.map((f) => `run ${f.run}`).join(', ') || 'none'}\n`);
for (const t of result.strikes.filter((t) => t.tries > 0)) process.stdout.write(`  ${t.kind}/${t.variant}: ${t.tries} tries, ${t.kept} kept\n`);
