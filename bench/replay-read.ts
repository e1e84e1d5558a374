// A/B: the CPU time of `replayTrace` (read the whole trace, run it again,
// compare line by line) on one trace, 5 replays per sample, 9 samples
// alternating the two trees, medians. Session 8 made replay read a trace as
// the streaming reader does (traces/read-lines.ts, traceTextLines: a BOM,
// CRLF, blank lines at the end); this is what that costs. BENCHMARKS.md,
// "Trustworthy basics", has the numbers:
//   npx tsx bench/replay-read.ts /tmp/base-v "$PWD" TRACE
interface Replayer {
  replayTrace(path: string): { identical: boolean };
}

const [baseRoot, mineRoot, trace] = process.argv.slice(2);
if (baseRoot === undefined || mineRoot === undefined || trace === undefined) throw new Error('usage: npx tsx bench/replay-read.ts BASE_TREE THIS_TREE TRACE');
const base = (await import(`${baseRoot}/sim/replay.ts`)) as Replayer;
const mine = (await import(`${mineRoot}/sim/replay.ts`)) as Replayer;

function cpuMsPerReplay(replayer: Replayer): number {
  const start = process.cpuUsage();
  for (let k = 0; k < 5; k++) if (!replayer.replayTrace(trace!).identical) throw new Error('the replay differs: not the trace of this tree');
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / 5;
}

for (let w = 0; w < 2; w++) {
  cpuMsPerReplay(base);
  cpuMsPerReplay(mine);
}
const baseMs: number[] = [];
const mineMs: number[] = [];
for (let r = 0; r < 9; r++) {
  baseMs.push(cpuMsPerReplay(base));
  mineMs.push(cpuMsPerReplay(mine));
}
const median = (xs: readonly number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
console.log(`base CPU ms per replay: ${baseMs.map((x) => x.toFixed(0)).join(' ')}; median ${median(baseMs).toFixed(1)}`);
console.log(`this CPU ms per replay: ${mineMs.map((x) => x.toFixed(0)).join(' ')}; median ${median(mineMs).toFixed(1)}`);
console.log(`ratio this/base: ${(median(mineMs) / median(baseMs)).toFixed(3)}`);
