// Memory and CPU per state as an exploration grows, tree against tree:
// `vsynclab explore` runs to --max-states in each variant in turn (A B A B),
// and at each progress line (every 3 s) this script reads the process's
// CPU seconds (all threads, /proc/PID/stat) and resident memory
// (/proc/PID/status). At every --every states it prints the states per CPU
// second since the previous mark and the resident bytes per state: on a
// loaded machine CPU seconds, unlike wall seconds, still say whether a
// state costs more as the search grows, and bytes do not depend on the load.
//
// A variant is LABEL=WORKERS[@DIR] (bench/args.ts; DIR a built checkout,
// e.g. a baseline tree of main). Run (after `npm run build`):
//   npx tsx bench/explore/memory.ts [--scenario FILE] [--max-states N] [--every N] [--rounds N] [--plain] \
//     new=2 'base=2@/tmp/base-mem'
// (--plain: without --symmetry; --por is always on.)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchArgs, boundedCount, parseFlagVariant, type FlagVariant } from '../args.ts';
import { printTable } from '../report.ts';

const MAX_ROUNDS = 10;
const MAX_VARIANTS = 6;
const CLOCK_TICKS_PER_SECOND = 100;
const MB = 1024 * 1024;

const args = benchArgs(process.argv.slice(2), ['--scenario', '--max-states', '--every', '--rounds']);
const scenario = args.valueOf('--scenario') ?? 'scenarios/explore/cbcast-3x3.json';
const maxStates = boundedCount(args.valueOf('--max-states'), 2_000_000, 1e9);
const every = boundedCount(args.valueOf('--every'), 500_000, 1e9);
const rounds = boundedCount(args.valueOf('--rounds'), 2, MAX_ROUNDS);
const symmetry = !args.has('--plain');
const variants = args.positionals.slice(0, MAX_VARIANTS).map((text) => parseFlagVariant(text, join('dist', 'sim', 'explore', 'parallel', 'worker.js')));
if (variants.length < 1) throw new Error('give at least one variant, for example new=2 base=2@/tmp/base-mem');

interface Sample {
  states: number;
  cpuSeconds: number;
  rssBytes: number;
}

interface Run {
  result: string;
  samples: Sample[];
}

/** CPU seconds (every thread) and resident bytes of a running process, or null once it is gone. */
function sampleOf(pid: number, states: number): Sample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { states, cpuSeconds, rssBytes: rssKb * 1024 };
  } catch {
    return null;
  }
}

function runOnce(v: FlagVariant): Promise<Run> {
  const cli = join(v.dir, 'bin', 'vsynclab.js');
  const flags = ['explore', scenario, '--por', ...(symmetry ? ['--symmetry'] : []), '--workers', String(v.workers), '--max-states', String(maxStates), '--max-memory-mb', '20000'];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...v.nodeFlags, cli, ...flags], { cwd: v.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const samples: Sample[] = [];
    let stdout = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^progress [\d.]+ s: ([\d,]+) states/.exec(line);
        if (m === null) continue;
        const sample = sampleOf(child.pid as number, Number((m[1] as string).replaceAll(',', '')));
        if (sample !== null) samples.push(sample);
      }
    });
    child.on('error', fail);
    child.on('close', () => {
      const result = /^(OK|VIOLATED|UNKNOWN)[^\n]*/m.exec(stdout)?.[0] ?? `no result: ${stdout.slice(0, 200)}`;
      done({ result, samples });
    });
  });
}

/** Per mark (every `every` states): the first sample at or past it, and the states per CPU second since the mark before. */
function marks(run: Run): { states: number; cpuSeconds: number; rssMb: number; bytesPerState: number; statesPerCpuSecond: number }[] {
  const out = [];
  let previous: Sample = { states: 0, cpuSeconds: 0, rssBytes: 0 };
  let mark = every;
  for (const s of run.samples) {
    if (s.states < mark) continue;
    const rate = s.cpuSeconds > previous.cpuSeconds ? (s.states - previous.states) / (s.cpuSeconds - previous.cpuSeconds) : 0;
    out.push({ states: s.states, cpuSeconds: s.cpuSeconds, rssMb: s.rssBytes / MB, bytesPerState: s.rssBytes / s.states, statesPerCpuSecond: rate });
    previous = s;
    while (mark <= s.states) mark += every;
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`${scenario} --por${symmetry ? ' --symmetry' : ''} to ${maxStates.toLocaleString('en-US')} states; ${rounds} rounds of ${variants.length} variants in turn; node ${process.version}; ${availableParallelism()} cores; load average before: ${load()}`);
const runs = new Map<string, Run[]>();
for (let round = 1; round <= rounds; round++) {
  for (const v of variants) {
    const run = await runOnce(v);
    runs.set(v.label, [...(runs.get(v.label) ?? []), run]);
    const last = run.samples.at(-1);
    console.log(`  round ${round}: ${v.label} ${run.result.slice(0, 60)}; ${last === undefined ? '-' : `${last.states} states, CPU ${last.cpuSeconds.toFixed(1)} s, RSS ${(last.rssBytes / MB).toFixed(0)} MB`}; load ${load()}`);
  }
}
console.log(`load average after: ${load()}`);
const rows: string[][] = [];
for (const v of variants) {
  const perRun = (runs.get(v.label) ?? []).map(marks);
  const count = Math.min(...perRun.map((m) => m.length));
  for (let k = 0; k < count; k++) {
    const at = perRun.map((m) => m[k] as ReturnType<typeof marks>[number]);
    rows.push([
      v.label,
      median(at.map((a) => a.states)).toLocaleString('en-US'),
      median(at.map((a) => a.cpuSeconds)).toFixed(1),
      at.map((a) => Math.round(a.statesPerCpuSecond).toLocaleString('en-US')).join(' '),
      median(at.map((a) => a.rssMb)).toFixed(0),
      median(at.map((a) => a.bytesPerState)).toFixed(0),
    ]);
  }
}
printTable(['variant', 'states (median)', 'CPU s (all threads)', 'states per CPU s since last mark (each run)', 'RSS MB', 'RSS bytes per state'], rows);
