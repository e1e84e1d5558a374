// Checker throughput and memory against the cost of merely reading a trace.
// Writes two long valid traces (5 processes, views changing every few
// thousand events) to a temporary folder, then measures for each, every
// phase in a fresh process: (a) parse = read + validate every line;
// (b) parse + check all fifteen properties. Reports events/second (median
// of three alternating runs, parse check parse check ...), the check/parse
// time ratio (median of the three pairs' ratios: the machine is shared, and
// a pair run back to back sees about the same load), peak RSS, and the peak
// live heap (from separate runs that force a collection every few batches;
// the timed runs do not). Run:
//   npx tsx bench/checkers/throughput.ts [minEvents]   (default 2000000; also 2x that)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from '../report.ts';
import { writeBenchTrace } from './write-trace.ts';

interface PhaseResult {
  phase: 'parse' | 'check';
  events: number;
  seconds: number;
  ok: boolean | null;
  peakRssMiB: number;
  liveHeapMiB: number | null;
}

const MIN_EVENTS = Number(process.argv[2] ?? 2_000_000);
const PHASE_SCRIPT = fileURLToPath(new URL('./phase.ts', import.meta.url));

/** `timed`: no forced collections. Otherwise --expose-gc, to measure the live heap. */
function runPhase(phase: 'parse' | 'check', file: string, timed: boolean): PhaseResult {
  const flags = timed ? ['--import', 'tsx'] : ['--import', 'tsx', '--expose-gc'];
  const child = spawnSync(process.execPath, [...flags, PHASE_SCRIPT, phase, file], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`phase ${phase} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim()) as PhaseResult;
}

const PAIRS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function medianRun(results: PhaseResult[]): PhaseResult {
  const seconds = median(results.map((result) => result.seconds));
  return results.find((result) => result.seconds === seconds) as PhaseResult;
}

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-bench-checkers-'));
try {
  const rows: string[][] = [];
  for (const minEvents of [MIN_EVENTS, 2 * MIN_EVENTS]) {
    const file = join(dir, `trace-${minEvents}.jsonl`);
    const written = writeBenchTrace(file, minEvents);
    const sizeMiB = statSync(file).size / (1 << 20);
    // Alternating pairs: the machine is shared, and its load drifts.
    const pairs: { parse: PhaseResult; check: PhaseResult }[] = [];
    for (let k = 0; k < PAIRS; k++) pairs.push({ parse: runPhase('parse', file, true), check: runPhase('check', file, true) });
    const parse = medianRun(pairs.map((pair) => pair.parse));
    const check = medianRun(pairs.map((pair) => pair.check));
    const ratio = median(pairs.map((pair) => pair.check.seconds / pair.parse.seconds));
    if (pairs.some((pair) => pair.check.ok !== true)) throw new Error('the synthetic trace should hold every property');
    const live = { parse: runPhase('parse', file, false), check: runPhase('check', file, false) };
    const perView = Math.round(written.events / Math.max(1, written.views));
    for (const result of [parse, check]) {
      rows.push([
        result.events.toLocaleString('en-US'),
        `${sizeMiB.toFixed(0)} MiB`,
        written.views.toLocaleString('en-US'),
        perView.toLocaleString('en-US'),
        result.phase === 'parse' ? 'parse' : 'parse + check',
        result.seconds.toFixed(2),
        Math.round(result.events / result.seconds).toLocaleString('en-US'),
        result.phase === 'parse' ? '1.00' : ratio.toFixed(2),
        result.peakRssMiB.toFixed(0),
        (live[result.phase].liveHeapMiB ?? 0).toFixed(1),
      ]);
    }
    rmSync(file, { force: true });
  }
  process.stdout.write(
    `node ${process.version}; each phase in a fresh process; time: median of ${PAIRS} alternating runs, ratio: median of the pairs' ratios; live heap: separate runs with forced GC\n`,
  );
  printTable(
    ['events', 'file', 'views', 'events/view', 'phase', 'seconds', 'events/s', 'time vs parse', 'peak RSS MiB', 'peak live heap MiB'],
    rows,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
