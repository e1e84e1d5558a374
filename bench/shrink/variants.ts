// Whether a shrunk failure has a smaller neighbour the shrinker did not
// keep: a scenario file (e.g. one `mutants.ts --out DIR` wrote), a mutant,
// and variants of the file, each a list of steps separated by ';', run on
// seeds 1..S; prints on how many the variant fails the way the file's own
// seed fails (and how many of those also fail with the fixed protocol). Run:
//   npx tsx bench/shrink/variants.ts FILE MUTANT SEEDS 'STEP;STEP' ...
// Steps: drop:K (host pK dropped, sim/shrink-hosts.ts), leave:K (the K-th
// timed crash as its host's leave, from 0), set:PATH=JSON (a field, e.g.
// set:workload.multicastsPerSecond=400 or set:network.links=[]).
import { readFileSync } from 'node:fs';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, targetOf } from '../../sim/shrink.ts';
import { withoutHost } from '../../sim/shrink-hosts.ts';
import { crashesAsLeaves } from '../../sim/shrink-rewrites.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/types.ts';

const [file, mutant, seedsText, ...variants] = process.argv.slice(2);
if (file === undefined || mutant === undefined || seedsText === undefined) throw new Error('expected FILE MUTANT SEEDS VARIANT...');
const base = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
const seed = String(Array.isArray(base.seeds) ? base.seeds[0] : 1);
const target = targetOf(runScenario(base, { seed, ...mutantRunOptions(base, mutant) }));
if (target === null) throw new Error(`${file} passes on seed ${seed}`);
process.stdout.write(`${file}: fails ${target.kind === 'property' ? target.property : target.failure} on seed ${seed}; each variant on seeds 1..${seedsText}:\n`);

function withField(s: Scenario, path: string, value: unknown): Scenario {
  const copy = structuredClone(s) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1] as string] = value;
  return copy as unknown as Scenario;
}

function applied(s: Scenario, step: string): Scenario {
  const colon = step.indexOf(':');
  const kind = step.slice(0, colon);
  const arg = step.slice(colon + 1);
  switch (kind) {
    case 'drop':
      return withoutHost(s, Number(arg));
    case 'leave': {
      const rewrite = crashesAsLeaves(s)[Number(arg)];
      if (rewrite === undefined) throw new Error(`${step}: no such timed crash`);
      return rewrite.scenario;
    }
    case 'set': {
      const eq = arg.indexOf('=');
      return withField(s, arg.slice(0, eq), JSON.parse(arg.slice(eq + 1)));
    }
    default:
      throw new Error(`${step}: expected drop:K, leave:K or set:PATH=JSON`);
  }
}

for (const variant of variants) {
  const s = variant.split(';').reduce(applied, base);
  if (!isValidScenario(s)) {
    process.stdout.write(`  ${variant}: not a valid scenario\n`);
    continue;
  }
  const failing: string[] = [];
  let fixedFails = 0;
  for (let k = 1; k <= Number(seedsText); k++) {
    const r = runScenario(s, { seed: String(k), ...mutantRunOptions(s, mutant) });
    if (!failsSameWay(r, target)) continue;
    failing.push(`${k} (${r.multicasts} mc)`);
    if (failsSameWay(runScenario(s, { seed: String(k) }), target)) fixedFails++;
  }
  process.stdout.write(`  ${variant} (${s.processes} p): ${failing.length}/${seedsText}${failing.length > 0 ? `, e.g. seeds ${failing.slice(0, 4).join(', ')}` : ''}` +
    `${fixedFails > 0 ? `; ${fixedFails} fail the same way with the fixed protocol` : ''}\n`);
}
