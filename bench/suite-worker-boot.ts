// Boot of the suite's worker threads: how long from `new Worker` until a
// worker has loaded its code (Node's bootstrap, then the one-file CLI bundle
// with its V8 code cache: bin/suite-worker.js posts WORKER_BOOTED when asked),
// and the process's CPU for it, with V8's flags as the process started and
// with the pool's inlining budget set before the workers start (what the pool
// did until session 7). A changed flag changes V8's flag hash, and a code
// cache made under another hash is rejected: Node's built-in one for its own
// JavaScript and the bundle's. Each trial is a fresh process that loads the
// bundle on its main thread (as bin/vsynclab.js does), maybe sets the flag,
// then starts 2 workers; the variants alternate and each is summarised by
// its medians. Run:
//   npm run build && npx tsx bench/suite-worker-boot.ts [--rounds N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, boundedCount } from './args.ts';
import { printTable } from './report.ts';

const MAX_ROUNDS = 50;
const WORKERS = 2;
const args = benchArgs(process.argv.slice(2), ['--rounds']);
const rounds = boundedCount(args.valueOf('--rounds'), 7, MAX_ROUNDS);
const root = process.cwd();
if (!existsSync(`${root}/dist/cli/vsynclab.cjs`)) throw new Error('dist/cli/vsynclab.cjs is missing: npm run build first');

const MARK = 'suite-worker-boot ';
// The child: the bundle on the main thread, the flag or not, then WORKERS workers timed to their first message.
const child = (setFlag: boolean): string => `
import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
const { loadBundle } = await import(${JSON.stringify(`${root}/bin/load-bundle.js`)});
const bundle = loadBundle();
const cpuBefore = process.cpuUsage();
${setFlag ? "setFlagsFromString('--max-inlined-bytecode-size-cumulative=230');" : ''}
const started = performance.now();
const boots = await Promise.all(Array.from({ length: ${WORKERS} }, () => new Promise((resolve, reject) => {
  const worker = new Worker(new URL(${JSON.stringify(`file://${root}/bin/suite-worker.js`)}), { workerData: { announceBoot: true } });
  worker.once('error', reject);
  worker.once('message', (message) => {
    if (message !== 'vsynclab-suite-worker-booted') reject(new Error('unexpected first message'));
    const ms = performance.now() - started;
    void worker.terminate().then(() => resolve(ms));
  });
})));
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write('${MARK}' + JSON.stringify({ bootMs: Math.max(...boots), cpuMs: (cpu.user + cpu.system) / 1000 }) + '\\n');
void bundle;
`;

interface Boot { bootMs: number; cpuMs: number }

const scratch = mkdtempSync(join(tmpdir(), 'vsynclab-worker-boot-'));
const scripts = [false, true].map((setFlag) => {
  const file = join(scratch, `boot-${setFlag ? 'flag' : 'plain'}.mjs`);
  writeFileSync(file, child(setFlag));
  return file;
});

function trial(setFlag: boolean): Boot {
  const r = spawnSync(process.execPath, [scripts[setFlag ? 1 : 0]!], { cwd: root, encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
  if (r.status !== 0 || line === undefined) throw new Error(`boot trial exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice(MARK.length)) as Boot;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const variants = [
  { name: 'flags as started (session 7)', setFlag: false },
  { name: 'budget set first (session 6)', setFlag: true },
];
process.stdout.write(`${WORKERS} workers, ${rounds} rounds; load average before: ${load()}\n`);
const results = variants.map((): Boot[] => []);
for (let round = 0; round < rounds; round++) variants.forEach((v, k) => results[k]!.push(trial(v.setFlag)));
process.stdout.write(`load average after: ${load()}\n`);
printTable(
  ['variant', 'rounds', 'median ms to the last boot', 'min ms', 'median CPU ms (all threads, from the first start)'],
  variants.map((v, k) => [
    v.name, String(rounds), median(results[k]!.map((b) => b.bootMs)).toFixed(0), Math.min(...results[k]!.map((b) => b.bootMs)).toFixed(0),
    median(results[k]!.map((b) => b.cpuMs)).toFixed(0),
  ]),
);
