// Start-up of the compiled CLI against a bare `node -e 0`, in one run:
// `vsynclab --help` and a one-seed `vsynclab run` of a small scenario (3
// processes, 50 ms of load, 200 ms to settle: the simulation itself is a few
// milliseconds, so the time is start-up). The commands alternate, round
// after round, and each is summarised by its median. `--with-tsx` adds the
// same two commands run from the TypeScript sources through tsx, as the CLI
// started before it shipped compiled JavaScript. Run:
//   npm run build && npx tsx bench/startup.ts [--rounds N] [--with-tsx]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrSeconds, printTable } from './report.ts';

const MAX_ROUNDS = 200;
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = Math.min(MAX_ROUNDS, Math.max(1, Number(roundsAt >= 0 ? args[roundsAt + 1] : 15) || 15));
if (!existsSync('dist/cli/bin-main.js')) throw new Error('dist/ is missing: npm run build first');

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-startup-'));
const scenario = join(dir, 'small.json');
writeFileSync(scenario, JSON.stringify({
  name: 'small', description: 'start-up benchmark', processes: 3, protocol: { name: 'isis' },
  network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 500 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 1, total: 1 } },
  durationUs: 50_000, settleUs: 200_000, seeds: [1],
}));

const commands: { name: string; argv: string[]; env?: Record<string, string> }[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'vsynclab --help', argv: ['bin/vsynclab.js', '--help'] },
  { name: 'vsynclab run (1 seed)', argv: ['bin/vsynclab.js', 'run', scenario, '--seed', '1'] },
  // The same two from dist/'s ES modules, without the bundle and its code cache (bin/vsynclab.js).
  { name: 'ES modules: --help', argv: ['bin/vsynclab.js', '--help'], env: { VSYNCLAB_NO_BUNDLE: '1' } },
  { name: 'ES modules: run (1 seed)', argv: ['bin/vsynclab.js', 'run', scenario, '--seed', '1'], env: { VSYNCLAB_NO_BUNDLE: '1' } },
];
if (args.includes('--with-tsx')) {
  commands.push(
    { name: 'tsx sources: --help', argv: ['--import', 'tsx/esm', 'cli/bin-main.ts', '--help'] },
    { name: 'tsx sources: run (1 seed)', argv: ['--import', 'tsx/esm', 'cli/bin-main.ts', 'run', scenario, '--seed', '1'] },
  );
}

const samples = commands.map(() => [] as number[]);
process.stdout.write(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
for (let round = 0; round < rounds; round++) {
  commands.forEach((command, k) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, command.argv, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...command.env } });
    const seconds = hrSeconds(start);
    if (r.status !== 0) throw new Error(`${command.name} exited ${r.status}: ${r.stderr}`);
    samples[k]!.push(seconds);
  });
}
process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const base = median(samples[0]!);
printTable(
  ['command', 'rounds', 'median ms', 'min ms', 'x node -e 0'],
  commands.map((command, k) => [
    command.name, String(rounds), (median(samples[k]!) * 1000).toFixed(0), (Math.min(...samples[k]!) * 1000).toFixed(0),
    (median(samples[k]!) / base).toFixed(2),
  ]),
);
