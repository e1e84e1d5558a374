// How often smaller variants of a mutant's shrunk failure fail the same way
// on other seeds: shrinks the pinned failure with the seed kept, then runs
// the shrunk scenario with at most N multicasts, another rate, a faster
// failure detector (isis) and/or a host fewer on seeds 1..S and counts the
// failures. Shows whether trying a few other seeds per candidate can reach
// the aim, or how many seeds it would take. Run:
//   npx tsx bench/shrink/seed-rate.ts MUTANT [--seeds S] [--caps 10,5] [--rates 100,200] [--suspect-us 15000]
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { withoutHost } from '../../sim/shrink-hosts.ts';
import type { Scenario } from '../../scenarios/types.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}
const mutant = process.argv[2] ?? '';
const pin = MUTANT_CATCHES[mutant];
if (pin === undefined) throw new Error(`no pinned catch for ${JSON.stringify(mutant)}`);
const seeds = Number(option('--seeds') ?? 100);
const caps = (option('--caps') ?? '10,5').split(',').map(Number);
const scenario = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
const extra = mutantRunOptions(scenario, mutant);
const outcome = shrinkScenario(scenario, { seed: String(pin.seed), maxAttempts: 300, otherSeeds: 0, ...extra });
const s = outcome.shrunk;
process.stdout.write(`${mutant}: shrunk on seed ${pin.seed} to ${outcome.after.processes} p, ${outcome.after.multicasts} mc (${outcome.target.kind === 'property' ? outcome.target.property : outcome.target.failure})\n`);
const variants: [string, Scenario][] = [['as shrunk', s]];
for (const cap of caps) variants.push([`at most ${cap} mc`, { ...s, workload: { ...s.workload, maxMulticasts: cap } }]);
const rates = (option('--rates') ?? '').split(',').filter((r) => r !== '').map(Number);
for (const rate of rates) variants.push([`${rate} multicasts a second`, { ...s, workload: { ...s.workload, multicastsPerSecond: rate } }]);
// A faster failure detector (isis options): the view change after a crash comes sooner, with fewer multicasts before it.
const suspect = option('--suspect-us');
if (suspect !== undefined) {
  const fast = (v: Scenario): Scenario => ({ ...v, protocol: { ...v.protocol, options: { ...v.protocol.options, heartbeatIntervalUs: Math.floor(Number(suspect) / 3), suspectTimeoutUs: Number(suspect) } } });
  variants.push([`suspect after ${suspect} us`, fast(s)]);
  for (const cap of caps) variants.push([`suspect after ${suspect} us, at most ${cap} mc`, fast({ ...s, workload: { ...s.workload, maxMulticasts: cap } })]);
}
for (let k = s.processes; k >= 1 && s.processes > 1; k--) {
  variants.push([`without p${k}`, withoutHost(s, k)]);
  for (const cap of caps) { const w = withoutHost(s, k); variants.push([`without p${k}, at most ${cap} mc`, { ...w, workload: { ...w.workload, maxMulticasts: cap } }]); }
}
for (const [what, v] of variants) {
  const failing: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    try {
      if (failsSameWay(runScenario(v, { seed: String(seed), ...mutantRunOptions(v, mutant) }), outcome.target)) failing.push(seed);
    } catch {
      // A variant that cannot run (an option the protocol refuses): it fails on no seed.
    }
  }
  process.stdout.write(`  ${what.padEnd(30)} fails on ${failing.length}/${seeds} seeds${failing.length > 0 ? ` (first: ${failing.slice(0, 8).join(', ')})` : ''}\n`);
}
