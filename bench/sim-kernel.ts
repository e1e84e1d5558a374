// Simulator kernel throughput: events per second through the event queue
// with a no-op protocol, beside a bare binary-heap loop doing the same
// pushes and pops in the same process (the floor). Run:
//   npx tsx bench/sim-kernel.ts [events]       (BENCH_ROUNDS=5 by default)
// With `--baseline DIR` (another checkout of vsynclab, for example the main
// branch), it instead times this tree's simulator against DIR's, in one
// process, alternating A B A B, on the two kernel loops and on ISIS
// full-stack CBCAST and ABCAST throughput (bench/protocol-throughput.ts's
// workload), and prints the medians and the ratio:
//   npx tsx bench/sim-kernel.ts 1000000 --baseline /work/main
import type { Effect, Protocol, Step } from '../protocol/types.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../scenarios/types.ts';
import { Network } from '../sim/network.ts';
import { Rng } from '../sim/rng.ts';
import { hrSeconds, printTable } from './report.ts';

const baselineFlag = process.argv.indexOf('--baseline');
const BASELINE_DIR = baselineFlag >= 0 ? process.argv[baselineFlag + 1] : undefined;
const EVENTS = Number(baselineFlag === 2 ? 2_000_000 : (process.argv[2] ?? 2_000_000));
const PROCESSES = 16;

// Tick n of a process (and entry n of the floors) re-arms its timer at
// tickDelayUs(n): TICK_PERIOD different delays spread over 1,000 µs. The
// period is a multiple of PROCESSES (the no-op protocol's destinations
// repeat every PROCESSES ticks), and small, so that the no-op protocol's
// steps, one per process and tick, stay in the CPU's cache (with a period of
// 2,000 they did not, and the message loop was about 20 % slower than with a
// protocol that allocated every step).
const TICK_PERIOD = 80;
const tickDelayUs = (n: number): number => 1000 + (((n % TICK_PERIOD) * 7919) % 1000);

type NoopStep = Step<number, number, 'tick'>;
type NoopEffect = Effect<number, 'tick'>;

/**
 * Every step the no-op protocol returns, built once and frozen, so that its
 * handlers allocate nothing: the rows measure the kernel, not a protocol's
 * garbage (a real protocol's steps are its own cost, measured by the ISIS
 * rows and bench/protocol-throughput.ts). A state is
 * `process index * TICK_PERIOD + tick` (the timers-only protocol's process
 * index is 0: its steps do not depend on the process); `onTimer[state]` is
 * the step into `state`, `onMessage[state]` leaves `state` with no effects.
 */
interface NoopSteps {
  /** By process index. */
  readonly init: readonly NoopStep[];
  readonly onTimer: readonly NoopStep[];
  readonly onMessage: readonly NoopStep[];
}

function buildNoopSteps(ping: boolean): NoopSteps {
  const frozen = <T>(value: T): T => Object.freeze(value);
  const noEffects = frozen<NoopEffect[]>([]);
  const setTimers = Array.from({ length: TICK_PERIOD }, (_, n) => frozen<NoopEffect>({ kind: 'setTimer', timer: 'tick', delayUs: tickDelayUs(n) }));
  // Process p(i + 1) sends to p(1 + tick % PROCESSES), or to p1 instead of itself.
  const sends = Array.from({ length: PROCESSES }, (_, self) =>
    Array.from({ length: PROCESSES }, (_, dest) => frozen<NoopEffect>({ kind: 'send', to: `p${dest === self ? 1 : dest + 1}`, msg: dest })),
  );
  const init: NoopStep[] = [];
  const onTimer: NoopStep[] = [];
  const onMessage: NoopStep[] = [];
  for (let self = 0; self < (ping ? PROCESSES : 1); self++) {
    init.push(frozen({ state: self * TICK_PERIOD, effects: frozen([setTimers[0]!]) }));
    for (let tick = 0; tick < TICK_PERIOD; tick++) {
      const state = self * TICK_PERIOD + tick;
      const setTimer = setTimers[tick]!;
      const effects = frozen(ping ? [setTimer, sends[self]![tick % PROCESSES]!] : [setTimer]);
      onTimer.push(frozen({ state, effects }));
      onMessage.push(frozen({ state, effects: noEffects }));
    }
  }
  return { init, onTimer, onMessage };
}

const NOOP_STEPS = { timers: buildNoopSteps(false), ping: buildNoopSteps(true) };

/** Re-arms one timer per process at varied delays; with `ping`, also sends a message each tick. Allocates nothing (NoopSteps). */
function noopProtocol(ping: boolean): Protocol<number, number, 'tick'> {
  const steps = ping ? NOOP_STEPS.ping : NOOP_STEPS.timers;
  return {
    name: ping ? 'noop-ping' : 'noop',
    init: (ctx) => steps.init[ping ? Number(ctx.self.slice(1)) - 1 : 0]!,
    onTimer: (state) => {
      const tick = state % TICK_PERIOD;
      return steps.onTimer[tick === TICK_PERIOD - 1 ? state - tick : state + 1]!;
    },
    onMessage: (state) => steps.onMessage[state]!,
    onRequest: (state) => steps.onMessage[state]!,
  };
}

function kernelScenario(): Scenario {
  return {
    name: 'kernel-bench',
    description: 'no-op protocol, timers only',
    processes: PROCESSES,
    protocol: { name: 'noop' },
    network: { delay: { minUs: 100, meanUs: 500, jitterUs: 100 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 0, orders: { fifo: 1, causal: 0, total: 0 } },
    durationUs: 1e12,
    settleUs: 0,
    seeds: [1],
    limits: { maxEvents: EVENTS },
  };
}

type Entry = { t: number; seq: number; v: number; message: boolean };

/** A plain binary heap of {t, seq} objects: what the floors push and pop. */
function bareHeap(): { push: (e: Entry) => void; pop: () => Entry } {
  const heap: Entry[] = [];
  const less = (a: Entry, b: Entry): boolean => a.t < b.t || (a.t === b.t && a.seq < b.seq);
  const push = (e: Entry): void => {
    let k = heap.length;
    heap.push(e);
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!less(e, heap[p]!)) break;
      heap[k] = heap[p]!;
      k = p;
    }
    heap[k] = e;
  };
  const pop = (): Entry => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let k = 0;
      for (;;) {
        let c = 2 * k + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && less(heap[c + 1]!, heap[c]!)) c++;
        if (!less(heap[c]!, last)) break;
        heap[k] = heap[c]!;
        k = c;
      }
      heap[k] = last;
    }
    return top;
  };
  return { push, pop };
}

/** The floor: the same number of pushes and pops as the timers loop, on a plain heap of {t, seq}, one new object a push. */
function bareHeapLoop(events: number): number {
  const { push, pop } = bareHeap();
  let seq = 0;
  for (let p = 0; p < PROCESSES; p++) push({ t: 1000, seq: seq++, v: 0, message: false });
  let checksum = 0;
  for (let k = 0; k < events; k++) {
    const e = pop();
    checksum += e.v;
    push({ t: e.t + tickDelayUs(e.v), seq: seq++, v: e.v + 1, message: false });
  }
  return checksum;
}

// Message delays with the kernel scenario's distribution, drawn before the
// timed loop (the floor is the heap; the draws are part of the kernel's work).
const MESSAGE_DELAYS_US = ((): Int32Array => {
  const network = new Network(kernelScenario().network, new Rng('floor'));
  return Int32Array.from({ length: 1 << 16 }, () => network.transmit('p1', 'p2')[0]!);
})();

/**
 * The message loop's floor: the same bare heap doing what the message loop's
 * queue does. Each timer entry popped pushes its next timer and one message
 * (a delay from MESSAGE_DELAYS_US), a popped message pushes nothing; one new
 * object a push.
 */
function bareHeapMessageLoop(events: number): number {
  const { push, pop } = bareHeap();
  let seq = 0;
  let sent = 0;
  for (let p = 0; p < PROCESSES; p++) push({ t: 1000, seq: seq++, v: 0, message: false });
  let checksum = 0;
  for (let k = 0; k < events; k++) {
    const e = pop();
    checksum += e.v;
    if (e.message) continue;
    push({ t: e.t + tickDelayUs(e.v), seq: seq++, v: e.v + 1, message: false });
    push({ t: e.t + MESSAGE_DELAYS_US[sent++ & 0xffff]!, seq: seq++, v: 0, message: true });
  }
  return checksum;
}

function measure(label: string, work: () => number): { label: string; seconds: number; events: number } {
  const start = process.hrtime.bigint();
  const events = work();
  return { label, seconds: hrSeconds(start), events };
}

type RunScenario = typeof runScenario;

function throughputScenario(order: 'causal' | 'total', multicasts: number): Scenario {
  const rate = 2000;
  return {
    name: `throughput-isis-${order}`,
    description: 'throughput benchmark (as bench/protocol-throughput.ts)',
    processes: 5,
    protocol: { name: 'isis' },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 1000 }, lossProbability: 0.02, duplicateProbability: 0.01 },
    workload: { multicastsPerSecond: rate, orders: { fifo: 0, causal: order === 'causal' ? 1 : 0, total: order === 'total' ? 1 : 0 }, maxMulticasts: multicasts },
    durationUs: Math.ceil((multicasts / rate) * 1.2 * 1e6),
    settleUs: 5_000_000,
    seeds: [1],
    limits: { maxEvents: 50_000_000, maxTraceEvents: 50_000_000 },
  };
}

/** This tree against another checkout: medians of alternating runs, and after / before. */
async function compareWithBaseline(dir: string): Promise<void> {
  await import('../protocol/builtin.ts');
  await import(`${dir}/protocol/builtin.ts`);
  const before = ((await import(`${dir}/sim/run.ts`)) as { runScenario: RunScenario }).runScenario;
  const after = runScenario;
  const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
  const cases: [string, (run: RunScenario) => number][] = [
    ['kernel, no-op protocol (timers)', (run) => run(kernelScenario(), { seed: '1', protocol: noopProtocol(false), checker: null }).simEvents],
    ['kernel, no-op protocol (timers + messages)', (run) => run(kernelScenario(), { seed: '1', protocol: noopProtocol(true), checker: null }).simEvents],
    ['ISIS full stack CBCAST, 5,000 multicasts', (run) => run(throughputScenario('causal', 5000), { seed: '1', checker: null }).deliveries],
    ['ISIS full stack ABCAST, 5,000 multicasts', (run) => run(throughputScenario('total', 5000), { seed: '1', checker: null }).deliveries],
  ];
  type Explore = (scenario: Scenario, config: unknown, options: Record<string, unknown>) => { states: number };
  type LoadExplore = (file: string) => { scenario: Scenario; config: unknown };
  const exploreOf = async (root: string): Promise<{ explore: Explore; load: LoadExplore }> => {
    const m = (await import(`${root}/sim/explore/index.ts`)) as { explore: Explore; loadExploreScenario: LoadExplore };
    return { explore: m.explore, load: m.loadExploreScenario };
  };
  const here = new URL('..', import.meta.url).pathname;
  const explorers = new Map<RunScenario, { explore: Explore; load: LoadExplore }>([
    [before, await exploreOf(dir)],
    [after, await exploreOf(here)],
  ]);
  // The explorer's rate: cbcast-3x2 with --por, bounded at 150,000 states (states, not time, so both do the same work).
  cases.push([
    'explore cbcast-3x2 --por, 150,000 states',
    (run) => {
      const e = explorers.get(run)!;
      const { scenario, config } = e.load(`${here}/scenarios/explore/cbcast-3x2.json`);
      return e.explore(scenario, config, { por: true, maxStates: 150_000 }).states;
    },
  ]);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const rows: string[][] = [];
  // BENCH_CASES: a regular expression picking some of the workloads by label.
  const only = new RegExp(process.env['BENCH_CASES'] ?? '');
  for (const [label, work] of cases) {
    if (!only.test(label)) continue;
    work(before);
    work(after); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    const cpuA: number[] = [];
    const cpuB: number[] = [];
    const cpuNow = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    };
    let countA = 0;
    let countB = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let start = process.hrtime.bigint();
      let cpuStart = cpuNow();
      countA = work(before);
      a.push(hrSeconds(start));
      cpuA.push(cpuNow() - cpuStart);
      start = process.hrtime.bigint();
      cpuStart = cpuNow();
      countB = work(after);
      b.push(hrSeconds(start));
      cpuB.push(cpuNow() - cpuStart);
    }
    if (countA !== countB) throw new Error(`${label}: the two trees did different work (${countA} vs ${countB})`);
    rows.push([
      label,
      String(countA),
      `${median(a).toFixed(3)} / ${median(cpuA).toFixed(3)}`,
      `${median(b).toFixed(3)} / ${median(cpuB).toFixed(3)}`,
      `${(median(a) / median(b)).toFixed(2)} / ${(median(cpuA) / median(cpuB)).toFixed(2)}`,
    ]);
  }
  const load = (await import('node:os')).loadavg()[0]!.toFixed(2);
  process.stdout.write(`${ROUNDS} rounds alternating before / after, medians of wall and CPU seconds; load average ${load} at the end\n`);
  printTable(['workload', 'events, deliveries or states', 'before s, wall / CPU', 'after s, wall / CPU', 'speed after / before, wall / CPU'], rows);
}

if (BASELINE_DIR !== undefined) {
  await compareWithBaseline(BASELINE_DIR);
  process.exit(0);
}

const MESSAGE_FLOOR = 'bare binary heap, message loop pattern (message floor)';

// The four loops in turn, round after round (floor, message floor, timers,
// messages, floor, ...), after one warm-up round; each figure is the median
// of its rounds, so load from other work hits every loop alike. Wall time
// and CPU time (user + system of this process) are both measured: on a
// machine loaded by other work, the CPU figure is the steadier one.
// BENCH_CASES (a regular expression on the labels) keeps some loops only, for
// a profile of one loop: `BENCH_CASES=messages BENCH_ROUNDS=3 node --cpu-prof
// --import tsx bench/sim-kernel.ts 1000000`; a ratio to a floor left out is `-`.
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const only = new RegExp(process.env['BENCH_CASES'] ?? '');
const allLoops: { label: string; floor: string; work: () => number }[] = [
  { label: 'bare binary heap (floor)', floor: 'bare binary heap (floor)', work: () => (bareHeapLoop(EVENTS), EVENTS) },
  { label: MESSAGE_FLOOR, floor: MESSAGE_FLOOR, work: () => (bareHeapMessageLoop(EVENTS), EVENTS) },
  { label: 'sim kernel, no-op protocol (timers)', floor: 'bare binary heap (floor)', work: () => runScenario(kernelScenario(), { seed: '1', protocol: noopProtocol(false), checker: null }).simEvents },
  { label: 'sim kernel, no-op protocol (timers + messages)', floor: MESSAGE_FLOOR, work: () => runScenario(kernelScenario(), { seed: '1', protocol: noopProtocol(true), checker: null }).simEvents },
];
const loops = allLoops.filter(({ label }) => only.test(label));
const wall = loops.map(() => [] as number[]);
const cpu = loops.map(() => [] as number[]);
const cpuSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
for (let round = -1; round < ROUNDS; round++) {
  loops.forEach(({ label, work }, k) => {
    const cpuStart = cpuSeconds();
    const run = measure(label, work);
    const cpuUsed = cpuSeconds() - cpuStart;
    if (run.events !== EVENTS) throw new Error(`${label}: ${run.events} events, expected ${EVENTS}`);
    if (round >= 0) {
      wall[k]!.push(run.seconds);
      cpu[k]!.push(cpuUsed);
    }
  });
}
const medianOf = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const load = (await import('node:os')).loadavg()[0]!.toFixed(2);
process.stdout.write(`${EVENTS} events a loop, ${ROUNDS} rounds alternating, medians; load average ${load} at the end\n`);
printTable(
  ['loop', 'wall s', 'CPU s', 'events/s (wall)', 'x floor (wall / CPU)', 'x its own floor (wall / CPU)'],
  loops.map(({ label, floor }, k) => {
    const w = medianOf(wall[k]!);
    const c = medianOf(cpu[k]!);
    const ratio = (floorLabel: string): string => {
      const f = loops.findIndex((loop) => loop.label === floorLabel);
      return f < 0 ? '-' : `${(w / medianOf(wall[f]!)).toFixed(2)} / ${(c / medianOf(cpu[f]!)).toFixed(2)}`;
    };
    return [label, w.toFixed(3), c.toFixed(3), Math.round(EVENTS / w).toLocaleString('en-US'), ratio(allLoops[0]!.label), ratio(floor)];
  }),
);
