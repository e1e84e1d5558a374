// Where a suite's runs allocate: V8's sampling heap profiler, keeping the
// samples of objects the garbage collector has already freed (a plain
// --heap-prof keeps only what is alive at the end), over the runs of the
// default suite (or the given paths) on this thread, from the compiled
// dist/. Prints the bytes allocated per run and the functions that allocate
// most (self bytes). Run (after `npm run build`):
//   npx tsx bench/suite-allocations.ts [PATH...] [--seeds A..B] [--top N] [--callers NAME]
// `--callers NAME` also prints who called the functions named NAME, by
// bytes (a builtin such as `sort` or `slice` says nothing on its own). V8
// charges what an inlined function allocates to the function it was
// inlined into: `node --no-turbo-inlining --import tsx bench/...` charges
// each function its own bytes (and allocates a little more).
import { Session } from 'node:inspector/promises';
import { existsSync } from 'node:fs';
import { benchArgs, boundedCount } from './args.ts';
import { printTable } from './report.ts';

const SAMPLING_INTERVAL_BYTES = 32 * 1024;
const MAX_TOP = 100;
const args = benchArgs(process.argv.slice(2), ['--seeds', '--top', '--callers']);
const seedsText = args.valueOf('--seeds') ?? '1..3';
const top = boundedCount(args.valueOf('--top'), 20, MAX_TOP);
const callersOf = args.valueOf('--callers');
const paths = args.positionals;
if (!existsSync('dist/sim/suite/execute.js')) throw new Error('dist/ is missing: npm run build first');

// dist/, not the sources: the code a user runs (tsx would profile its own transpiled copies the same way, but slower).
const dist = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;
const { loadScenarios } = (await import(dist('sim/scenario-files.js'))) as typeof import('../sim/scenario-files.ts');
const { planRuns } = (await import(dist('sim/suite/plan.js'))) as typeof import('../sim/suite/plan.ts');
const { executeRun } = (await import(dist('sim/suite/execute.js'))) as typeof import('../sim/suite/execute.ts');
const { seedsFromOptions } = (await import(dist('cli/seeds.js'))) as typeof import('../cli/seeds.ts');

interface ProfileNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: ProfileNode[] }

const jobs = planRuns(loadScenarios(paths), { seeds: seedsFromOptions(undefined, seedsText) ?? [], stopOnViolation: false, plugins: [] });
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
// The include* fields are newer than @types/node's protocol types: a variable, not a literal, so they pass.
const sampling = { samplingInterval: SAMPLING_INTERVAL_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
await session.post('HeapProfiler.startSampling', sampling);
for (const job of jobs) executeRun(job);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
session.disconnect();

const selfBytes = new Map<string, number>();
/** Bytes allocated by `--callers` functions (and what they call), per caller. */
const callerBytes = new Map<string, number>();
const keyOf = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.replace(/^.*\/dist\//, '')}${url === '' ? '' : `:${lineNumber + 1}`}`;
};
const subtreeBytes = (node: ProfileNode): number => node.selfSize + node.children.reduce((sum, c) => sum + subtreeBytes(c), 0);
// Iterative walk: a profile's call tree can be deeper than the stack allows.
const pending: { node: ProfileNode; parent: string }[] = [{ node: profile.head, parent: '(root)' }];
while (pending.length > 0) {
  const { node, parent } = pending.pop()!;
  const key = keyOf(node);
  selfBytes.set(key, (selfBytes.get(key) ?? 0) + node.selfSize);
  if (callersOf !== undefined && node.callFrame.functionName === callersOf) callerBytes.set(parent, (callerBytes.get(parent) ?? 0) + subtreeBytes(node));
  for (const child of node.children) pending.push({ node: child, parent: key });
}
const total = [...selfBytes.values()].reduce((sum, b) => sum + b, 0);
process.stdout.write(`${jobs.length} runs (seeds ${seedsText}): ${(total / 1e6).toFixed(0)} MB allocated, ${(total / jobs.length / 1e6).toFixed(1)} MB per run\n`);
printTable(
  ['share', 'MB', 'function (dist/ file:line)'],
  [...selfBytes].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, bytes]) => [`${((bytes / total) * 100).toFixed(1)}%`, (bytes / 1e6).toFixed(0), key]),
);
if (callersOf !== undefined) {
  process.stdout.write(`\ncallers of ${callersOf}:\n`);
  printTable(['MB', 'caller'], [...callerBytes].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, bytes]) => [(bytes / 1e6).toFixed(0), key]));
}
