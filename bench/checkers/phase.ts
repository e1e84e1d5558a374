// One measured phase, run in its own process so peak memory is its own:
//   node --import tsx [--expose-gc] bench/checkers/phase.ts parse|check FILE
// Prints one JSON line: events, seconds, peak RSS, and (with --expose-gc)
// the peak live heap: the heap after a full collection, sampled every few
// batches, which is what grows if the checker keeps state it should free.
import { TraceChecker } from '../../checkers/index.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { hrSeconds } from '../report.ts';

const [phase, path] = process.argv.slice(2);
if ((phase !== 'parse' && phase !== 'check') || path === undefined) {
  process.stderr.write('usage: phase.ts parse|check FILE\n');
  process.exit(2);
}

const LIVE_HEAP_EVERY_BATCHES = 8;
const collect = (globalThis as { gc?: () => void }).gc;
const checker = phase === 'check' ? new TraceChecker() : null;
let events = 0;
let peakHeap = 0;
let batches = 0;
const started = process.hrtime.bigint();
for await (const part of readTraceBatches(path)) {
  if (!('events' in part)) continue;
  if (checker !== null) for (const event of part.events) checker.push(event);
  events += part.events.length;
  if (collect !== undefined && ++batches % LIVE_HEAP_EVERY_BATCHES === 0) {
    collect();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
}
const ok = checker === null ? null : checker.finish().ok;
const seconds = hrSeconds(started);
if (collect !== undefined) {
  collect();
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const mib = (bytes: number): number => Math.round((bytes / (1 << 20)) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({ phase, events, seconds, ok, peakRssMiB: mib(process.resourceUsage().maxRSS * 1024), liveHeapMiB: collect === undefined ? null : mib(peakHeap) })}\n`,
);
