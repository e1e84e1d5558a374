// Memory on a long run: the soak scenario (100,000 multicasts with random
// faults) with the online checkers on, sampling the live heap (after a
// forced GC) as the trace grows. Flat numbers mean stable messages are
// garbage-collected and the checkers free closed views. Run:
//   node --expose-gc --import tsx bench/soak-memory.ts [scenario]
import { loadScenarioFile } from '../sim/scenario-files.ts';
import { runScenario } from '../sim/run.ts';
import type { TraceSink } from '../sim/trace-sink.ts';
import { hrSeconds, printTable } from './report.ts';

const file = process.argv[2] ?? 'scenarios/soak/isis-soak.json';
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc --import tsx bench/soak-memory.ts');
const SAMPLE_EVERY = 50_000;

const rows: string[][] = [];
let lines = 0;
let multicasts = 0;
const start = process.hrtime.bigint();
const sampler: TraceSink = {
  write(line) {
    lines++;
    if (line.startsWith('{"type":"bcast"')) multicasts++;
    if (lines % SAMPLE_EVERY === 0) {
      gc();
      const mem = process.memoryUsage();
      rows.push([String(lines), String(multicasts), (mem.heapUsed / 2 ** 20).toFixed(1), (mem.rss / 2 ** 20).toFixed(0), hrSeconds(start).toFixed(1)]);
    }
  },
  flush() {},
  close() {},
};
const scenario = loadScenarioFile(file).forSeed(1);
const result = runScenario(scenario, { seed: '1', traceSink: sampler });
process.stdout.write(`${scenario.name} seed 1: ${result.passed ? 'passed' : `FAILED: ${result.failure}`}, ${result.multicasts} multicasts, ${result.deliveries} deliveries, ${result.traceEvents} trace events\n`);
printTable(['trace events', 'multicasts so far', 'live heap MiB', 'RSS MiB', 'wall s'], rows);
