// Checker throughput and memory against the cost of merely reading a trace.
// Writes two long valid traces (5 processes, views changing every few
// thousand events) to a temporary folder, then measures for each, every
// phase in a fresh process: (a) parse = read + validate every line;
// (b) parse + check all fifteen properties. Reports events/second (best of
// two alternating runs), the check/parse time ratio, peak RSS, and the peak
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

function fastest(results: PhaseResult[]): PhaseResult {
  return results.reduce((best, result) => (result.seconds < best.seconds ? result : best));
}

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-bench-checkers-'));
try {
  const rows: string[][] = [];
  for (const minEvents of [MIN_EVENTS, 2 * MIN_EVENTS]) {
    const file = join(dir, `trace-${minEvents}.jsonl`);
    const written = writeBenchTrace(file, minEvents);
    const sizeMiB = statSync(file).size / (1 << 20);
    // Best of two alternating runs: the machine is shared, and a slow run says
    // more about the neighbours than about the code.
    const timed = [runPhase('parse', file, true), runPhase('check', file, true), runPhase('parse', file, true), runPhase('check', file, true)];
    const parse = fastest(timed.filter((result) => result.phase === 'parse'));
    const check = fastest(timed.filter((result) => result.phase === 'check'));
    if (check.ok !== true) throw new Error('the synthetic trace should hold every property');
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
        result.phase === 'parse' ? '1.00' : (check.seconds / parse.seconds).toFixed(2),
        result.peakRssMiB.toFixed(0),
        (live[result.phase].liveHeapMiB ?? 0).toFixed(1),
      ]);
    }
    rmSync(file, { force: true });
  }
  process.stdout.write(
    `node ${process.version}; each phase in a fresh process; time: best of 2; live heap: separate runs with forced GC\n`,
  );
  printTable(
    ['events', 'file', 'views', 'events/view', 'phase', 'seconds', 'events/s', 'time vs parse', 'peak RSS MiB', 'peak live heap MiB'],
    rows,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
