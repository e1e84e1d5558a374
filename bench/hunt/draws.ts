// What each seed of a generator file draws: its strikes (a quiet one starred) and whether its membership pairs and random faults stay in. Run:
//   npx tsx bench/hunt/draws.ts isis-uniform.json 1..40
import { readFileSync } from 'node:fs';
import { DEFAULT_SUITE_DIR } from '../../sim/scenario-files.ts';
import { generateWithPlans, type GeneratorSpec } from '../../scenarios/generator.ts';
import { Rng } from '../../sim/rng.ts';

const file = process.argv[2] ?? 'isis-uniform.json';
const [lo, hi] = (process.argv[3] ?? '1..40').split('..').map(Number) as [number, number];
const g = JSON.parse(readFileSync(`${DEFAULT_SUITE_DIR}/${file}`, 'utf8')) as { name: string; description: string; generate: GeneratorSpec };
for (let seed = lo; seed <= hi; seed++) {
  const { scenario, plans, strikes } = generateWithPlans(g.name, g.description, g.generate, new Rng(`generate/${seed}`));
  const quiet = strikes.some((s) => s.quiet === true);
  const strikesText = strikes.map((s) => `${s.kind}/${s.variant}${s.quiet === true ? '*' : ''}`).join(' + ') || 'no strike';
  const pairs = plans.map((p) => p.events.map((e) => `${e.kind}@${e.target}`).join('&')).join('; ');
  process.stdout.write(`${seed}\t${strikesText}\t${plans.length} pair(s)${quiet && plans.length > 0 ? ' left out' : ''}\t${scenario.faults?.random === undefined ? 'no random' : 'random'}\t${pairs}\n`);
}
