// How small the shrinker makes each mutant's failure: for every mutant, its
// pinned catching run (protocol/mutants/catches.ts) is shrunk by the
// current shrinker and by a baseline, each with the same attempt bound, and
// the sizes before and after are tabulated. The baseline (`--baseline`):
// `keep-seed` (default), this shrinker on the pinned seed alone with the
// mutant's protocol fixed (the shrinker before across-seed shrinking and
// the faster failure detector: `--keep-seed`); `no-start`, this shrinker
// without the later-start pass (`laterStart: false`; the second phase's
// other passes stay); for the shrinker before session 5, run this bench in
// a tree of that commit;
// `old`, the shrinker before issue 14 (bench/shrink/baseline-shrink.ts);
// `none`. Run:
//   npx tsx bench/shrink/mutants.ts [--max-attempts N] [--only a,b] [--skip a,b] [--baseline keep-seed|no-start|old|none] [--shard K/N] [--out DIR] [--pin FILE:SEED]
// `--pin FILE:SEED` shrinks that suite scenario's run instead of each chosen mutant's pinned catch
// (e.g. a retired pin: `--only late-message-new-view --pin isis-uniform.json:30`).
// `--out DIR` writes each current shrink's scenario as DIR/MUTANT.json (its seed in `seeds`), to read or run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { MUTANT_CATCHES } from '../../protocol/mutants/catches.ts';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { shrinkScenario, type ShrinkOutcome } from '../../sim/shrink.ts';
import { hrSeconds, printTable } from '../report.ts';
import { shrinkScenario as baselineShrink } from './baseline-shrink.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const maxAttempts = Number(option('--max-attempts') ?? 60);
const only = option('--only')?.split(',');
const skip = option('--skip')?.split(',') ?? [];
const baseline = process.argv.includes('--no-baseline') ? 'none' : option('--baseline') ?? 'keep-seed';
if (!['keep-seed', 'no-start', 'old', 'none'].includes(baseline)) throw new Error(`--baseline: expected keep-seed, no-start, old or none, got ${baseline}`);
const outDir = option('--out');
if (outDir !== undefined) mkdirSync(outDir, { recursive: true });
const [shard, shards] = (option('--shard') ?? '1/1').split('/').map(Number) as [number, number];
const pinOption = option('--pin');
const pinned = pinOption === undefined ? undefined : { file: pinOption.replace(/:[0-9]+$/, ''), seed: Number(/:([0-9]+)$/.exec(pinOption)?.[1] ?? NaN) };
if (pinned !== undefined && !Number.isInteger(pinned.seed)) throw new Error(`--pin: expected FILE:SEED, got ${pinOption}`);

const chosen = MUTANTS.filter((m) => (only === undefined || only.includes(m.name)) && !skip.includes(m.name)).filter((_, k) => k % shards === shard - 1);
const rows: string[][] = [];
const summary = { n: 0, atMost3: 0, atMost10: 0, processes: [] as number[], multicasts: [] as number[] };
for (const mutant of chosen) {
  const pin = pinned ?? MUTANT_CATCHES[mutant.name];
  if (pin === undefined) continue;
  const scenario = loadScenarioFile(`${DEFAULT_SUITE_DIR}/${pin.file}`).forSeed(pin.seed);
  const options = { seed: String(pin.seed), maxAttempts, ...mutantRunOptions(scenario, mutant.name) };
  // As the CLI does: each candidate runs the mutant built from the candidate's own protocol options.
  const protocolFor = (s: typeof scenario) => mutantRunOptions(s, mutant.name).protocol ?? resolveProtocol(s);
  // As the CLI does: the real protocol must pass a kept candidate of a liveness failure.
  const referenceFor = options.protocol !== undefined ? (s: typeof scenario) => resolveProtocol(s) : undefined;
  const started = process.hrtime.bigint();
  let now: ShrinkOutcome;
  try {
    now = shrinkScenario(scenario, { ...options, protocolFor, ...(referenceFor !== undefined ? { referenceFor } : {}) });
  } catch (error) {
    // A pin that no longer fails (the scenario or the mutant changed): say so, and go on.
    rows.push([mutant.name, `${pin.file.replace(/\.json$/, '')} ${pin.seed}`, String(error), '', '', '', '']);
    continue;
  }
  const seconds = hrSeconds(started);
  if (outDir !== undefined) writeFileSync(`${outDir}/${mutant.name}.json`, `${JSON.stringify({ ...now.shrunk, seeds: [Number(now.seed)] }, null, 2)}\n`);
  const old = baseline === 'none' ? null
    : baseline === 'old' ? ({ ...(baselineShrink(scenario, options) as Omit<ShrinkOutcome, 'seed'>), seed: options.seed })
      : baseline === 'no-start' ? shrinkScenario(scenario, { ...options, protocolFor, laterStart: false })
        : shrinkScenario(scenario, { ...options, otherSeeds: 0 });
  // "2+1 p": two hosts from the start and a joiner; the aim counts every process.
  const hosts = (z: { processes: number; joiners?: number }): string => `${z.processes}${(z.joiners ?? 0) > 0 ? `+${z.joiners}` : ''} p`;
  const size = (o: ShrinkOutcome): string =>
    `${hosts(o.after)}, ${o.after.multicasts} mc, ${o.attempts} att${o.boundHit ? ' (bound)' : ''}${o.seed !== options.seed ? `, seed ${o.seed}` : ''}`;
  const timers = now.shrunk.protocol.options?.['suspectTimeoutUs'];
  const startUs = now.shrunk.workload.startUs;
  const row = [
    mutant.name,
    `${pin.file.replace(/\.json$/, '')} ${pin.seed}`,
    `${hosts(now.before)}, ${now.before.multicasts} mc`,
    size(now),
    `${Math.round(now.shrunk.durationUs / 1000)}/${Math.round(now.shrunk.settleUs / 1000)} ms${startUs !== undefined ? `, from ${(startUs / 1000).toFixed(1)} ms` : ''}` +
      `${typeof timers === 'number' ? `, suspect ${timers / 1000} ms` : ''}`,
    old === null ? '-' : size(old),
    seconds.toFixed(0),
  ];
  rows.push(row);
  process.stderr.write(`${row.join(' | ')}\n`); // as it goes: a long run shows its rows
  summary.n++;
  const all = now.after.processes + now.after.joiners;
  if (all <= 3) summary.atMost3++;
  if (all <= 3 && now.after.multicasts <= 10) summary.atMost10++;
  summary.processes.push(all);
  summary.multicasts.push(now.after.multicasts);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
printTable(['mutant', 'caught by', 'before', `after (bound ${maxAttempts})`, 'fault/settle phase', `${baseline} after`, 's'], rows);
process.stdout.write(
  `\n${summary.n} failures shrunk: ${summary.atMost3} to at most 3 processes, ${summary.atMost10} to at most 3 processes and 10 multicasts; ` +
    `median ${median(summary.processes)} processes, ${median(summary.multicasts)} multicasts\n`,
);
