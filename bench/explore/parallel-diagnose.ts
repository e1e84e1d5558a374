// `bench/explore/parallel.ts --diagnose`: where the wall time of the
// worker-parallel search goes. Runs the compiled search (dist/) in this
// process, one thread and N workers alternately, and prints per thread its
// CPU seconds (Linux /proc, bench/thread-cpu.ts) and, per level, the
// coordinator's serial hand-out, each worker's busy time and wait at the
// barrier, and the entries moved between workers with the steps of their
// paths (coordinator.ts's onDiagnostics). Per level too: each worker's
// thread CPU (thread-cpu.ts; fair under load, where its wall time is not),
// the steps it took again to reach its entries' states, and how many
// entries it expanded from a kept state (kept-states.ts). With
// --keep-compare, each round runs N workers twice instead: every level as
// paths (as before session 8), then with the states of the deep levels
// kept (the default), then with every level kept (up to the same cap), so
// the three can be compared level by level.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable } from '../report.ts';
import { ThreadCpuSampler, type ThreadCpuReport } from '../thread-cpu.ts';
import type { ExploreModel } from '../../sim/explore/model.ts';
import type { ParallelDiagnostics, ParallelSearchOptions } from '../../sim/explore/parallel/coordinator.ts';
import type { KeepOptions } from '../../sim/explore/parallel/level-expander.ts';
import type { SearchOptions, SearchOutcome } from '../../sim/explore/search-types.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { ExploreConfig } from '../../sim/explore/config.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path: string): string => pathToFileURL(join(root, 'dist', path)).href;

interface Compiled {
  loadExploreScenario: (file: string) => { scenario: Scenario; config: ExploreConfig };
  ExploreModel: new (protocol: unknown, scenario: Scenario, config: ExploreConfig, symmetric: boolean) => ExploreModel;
  resolveProtocol: (scenario: Scenario) => unknown;
  searchSteps: (model: ExploreModel, options: SearchOptions) => Generator<void, SearchOutcome, void>;
  parallelSearchSteps: (model: ExploreModel, options: ParallelSearchOptions) => Generator<void, SearchOutcome, void>;
  KEEP_NONE: KeepOptions;
  defaultKeep: (maxMemoryBytes: number, workers: number) => KeepOptions;
}

async function compiled(): Promise<Compiled> {
  const config = (await import(dist('sim/explore/config.js'))) as Pick<Compiled, 'loadExploreScenario'>;
  const model = (await import(dist('sim/explore/model.js'))) as Pick<Compiled, 'ExploreModel'>;
  const resolve = (await import(dist('sim/resolve-protocol.js'))) as Pick<Compiled, 'resolveProtocol'>;
  const search = (await import(dist('sim/explore/search.js'))) as Pick<Compiled, 'searchSteps'>;
  const parallel = (await import(dist('sim/explore/parallel/coordinator.js'))) as Pick<Compiled, 'parallelSearchSteps' | 'defaultKeep'>;
  const expander = (await import(dist('sim/explore/parallel/level-expander.js'))) as Pick<Compiled, 'KEEP_NONE'>;
  return { ...config, ...model, ...resolve, ...search, ...parallel, ...expander };
}

/** CPU seconds so far of this process's main thread and of its other threads together (the sampler's figures are since each thread began). */
function cpuSoFar(): { main: number; others: number } {
  const out = { main: 0, others: 0 };
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (Number(tid) === process.pid) out.main = seconds;
    else out.others += seconds;
  }
  return out;
}

/** Drives a search a slice at a time with an event-loop turn between slices, so the CPU sampler's timer runs. */
async function drive(steps: Generator<void, SearchOutcome, void>): Promise<SearchOutcome> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface Trial {
  label: string;
  workers: number;
  outcome: SearchOutcome;
  wallSeconds: number;
  cpu: ThreadCpuReport | null;
  diagnostics: ParallelDiagnostics | null;
}

/** What a diagnosed search explores besides its scenario: --symmetry, and its --max-states. */
export interface DiagnoseBounds {
  symmetry: boolean;
  maxStates: number;
  /** Paths against kept states at N workers, instead of 1 thread against N workers. */
  keepCompare: boolean;
  /** The searches' --max-memory-mb, in bytes (the default cap on kept states follows it). */
  maxMemoryBytes: number;
}

/** One search of a round: its workers, and how they keep their levels (undefined: the default). */
interface Variant {
  label: string;
  workers: number;
  keep: KeepOptions | undefined;
}

async function trial(c: Compiled, file: string, variant: Variant, bounds: DiagnoseBounds): Promise<Trial> {
  const workers = variant.workers;
  const { scenario, config } = c.loadExploreScenario(file);
  const model = new c.ExploreModel(c.resolveProtocol(scenario), scenario, config, bounds.symmetry);
  const options: SearchOptions = { strategy: 'bfs', maxStates: bounds.maxStates, maxDepth: 1000, maxMemoryBytes: bounds.maxMemoryBytes, por: true };
  let diagnostics: ParallelDiagnostics | null = null;
  const before = cpuSoFar();
  const sampler = new ThreadCpuSampler(process.pid);
  const started = performance.now();
  const outcome = await drive(workers === 1 ? c.searchSteps(model, options) : c.parallelSearchSteps(model, { ...options, workers, plugins: [], ...(variant.keep === undefined ? {} : { keep: variant.keep }), onDiagnostics: (d) => (diagnostics = d) }));
  const wallSeconds = (performance.now() - started) / 1000;
  // The workers' last samples are at most 50 ms old: let the sampler take one more of the threads still there.
  await new Promise((resolve) => setTimeout(resolve, 60));
  const cpu = sampler.stop(workers === 1 ? 0 : workers);
  // This trial's share: the main thread and the helper threads ran before it.
  const own = cpu === null ? null : { ...cpu, main: cpu.main - before.main, helpers: cpu.helpers - before.others };
  return { label: variant.label, workers, outcome, wallSeconds, cpu: own, diagnostics };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const ms = (value: number): string => (value / 1000).toFixed(2);

function printTrial(t: Trial): void {
  const cpu = t.cpu;
  const threads = cpu === null ? 'no /proc: CPU per thread not available' : `CPU s: main (with this bench's sampling) ${cpu.main.toFixed(1)}, workers ${cpu.workerThreads.map((w) => w.cpuSeconds.toFixed(1)).join(' + ') || '-'}, Node/V8 helper threads (GC, compiler) ${cpu.helpers.toFixed(1)}; all ${(cpu.main + sum(cpu.workerThreads.map((w) => w.cpuSeconds)) + cpu.helpers).toFixed(1)}`;
  process.stdout.write(`\n${t.label}: ${t.outcome.result}, ${t.outcome.states} states, wall ${t.wallSeconds.toFixed(1)} s; ${threads}\n`);
  const d = t.diagnostics;
  if (d === null) return;
  const levels = Math.max(...d.workers.map((w) => w.length));
  const rows: string[][] = [];
  for (let k = 0; k < levels; k++) {
    const per = d.workers.map((w) => w[k]);
    const cell = (f: (s: NonNullable<(typeof per)[number]>) => number, format: (v: number) => string): string => per.map((s) => (s === undefined ? '-' : format(f(s)))).join(' / ');
    rows.push([
      String(d.prefixLevels + k),
      cell((s) => s.entries, String),
      cell((s) => s.busyMs, (v) => v.toFixed(0)),
      cell((s) => s.waitMs, (v) => v.toFixed(0)),
      k < d.handOutMs.length ? (d.handOutMs[k] as number).toFixed(1) : '-',
      cell((s) => s.receivedEntries, String),
      cell((s) => s.replayedSteps, String),
      cell((s) => s.replayMs + s.giveMs, (v) => v.toFixed(0)),
      cell((s) => s.pathSteps, String),
      cell((s) => s.keptEntries, String),
      cell((s) => s.cpuMs, (v) => v.toFixed(0)),
      cell((s) => (1000 * s.cpuMs) / Math.max(1, s.entries), (v) => v.toFixed(0)),
      cell((s) => s.transitions, String),
      cell((s) => (1000 * s.cpuMs) / Math.max(1, s.transitions), (v) => v.toFixed(1)),
      cell((s) => s.heapUsedBytes / 2 ** 20, (v) => v.toFixed(0)),
      cell((s) => s.lineageBytes / 2 ** 20, (v) => v.toFixed(0)),
    ]);
  }
  printTable(['level', 'entries per worker', 'busy ms', 'wait ms', 'hand-out ms', 'received', 'their path steps', 'transfer ms', 'steps to entries', 'kept entries', 'CPU ms', 'CPU µs an entry', 'transitions', 'CPU µs a transition', 'heap used MB', 'lineage MB'], rows);
  const all = d.workers.flat();
  const busy = sum(all.map((s) => s.busyMs));
  const wait = sum(all.map((s) => s.waitMs));
  const entries = sum(all.map((s) => s.entries));
  process.stdout.write(
    `workers' levels: ${entries} entries, ${sum(all.map((s) => s.keptEntries))} of them kept, ${sum(all.map((s) => s.pathSteps))} steps to entries, ${sum(all.map((s) => s.transitions))} transitions, ${ms(sum(all.map((s) => s.cpuMs)))} CPU s (${((1000 * sum(all.map((s) => s.cpuMs))) / Math.max(1, entries)).toFixed(1)} µs an entry)\n`,
  );
  process.stdout.write(
    `totals: coordinator alone ${ms(d.prefixMs)} s (${d.prefixLevels} levels), its hand-outs ${ms(sum(d.handOutMs))} s; workers busy ${ms(busy)} s, waiting ${ms(wait)} s (${((100 * wait) / (busy + wait)).toFixed(1)} %, first wait includes start-up); ` +
      `moved ${sum(all.map((s) => s.receivedEntries))} entries (${(sum(all.map((s) => s.givenBytes)) / 1024).toFixed(0)} KiB), their paths ${sum(all.map((s) => s.replayedSteps))} steps, added in ${ms(sum(all.map((s) => s.replayMs)))} s, encoding ${ms(sum(all.map((s) => s.giveMs)))} s\n`,
  );
}

/** `file`, `rounds` rounds of 1 thread then `workers` workers. */
export async function diagnose(file: string, rounds: number, workers: number, bounds: DiagnoseBounds): Promise<void> {
  const c = await compiled();
  process.stdout.write(`${file} --por${bounds.symmetry ? ' --symmetry' : ''}, bfs, at most ${bounds.maxStates} states, in one process (dist/); node ${process.version}; ${availableParallelism()} cores\n`);
  const variants: Variant[] = bounds.keepCompare
    ? [
        { label: `--workers ${workers}, every level as paths`, workers, keep: c.KEEP_NONE },
        { label: `--workers ${workers}, deep levels kept (default)`, workers, keep: undefined },
        { label: `--workers ${workers}, every level kept (to the default cap)`, workers, keep: { statesCap: c.defaultKeep(bounds.maxMemoryBytes, workers).statesCap, aboveStepsPerEntry: 0 } },
      ]
    : [
        { label: '--workers 1', workers: 1, keep: undefined },
        { label: `--workers ${workers}`, workers, keep: undefined },
      ];
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      const load = loadavg()[0] as number;
      const t = await trial(c, file, v, bounds);
      process.stdout.write(`round ${round + 1}, 1-minute load average before: ${load.toFixed(1)}`);
      printTrial(t);
    }
  }
}
