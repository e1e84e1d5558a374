// The cost of trace detail levels (issue 13). One "suite pass" runs a few
// scenarios of the default suite once each, as the suite runner's first
// pass does; the variants are:
//   none  detail app, no trace sink: nothing is written (a passing suite run);
//   app   detail app, every line serialized into a null sink (NullTraceSink);
//   net   the same at detail net;   full  the same at detail full;
//   main  (with --baseline DIR) DIR's runScenario, no sink: the code path
//         before detail levels existed, in the same process.
// Variants alternate within each round (A B C D, then D C B A), and the
// table gives each one's median seconds, its ratio to `none`, and the trace
// it writes (events and bytes). Run:
//   npx tsx bench/trace-detail/run.ts [--rounds N] [--baseline /work/main] [--only none,main]
import { join } from 'node:path';
import '../../protocol/builtin.ts';
import { runScenario, type RunOptions, type RunResult } from '../../sim/run.ts';
import { loadScenarioFile } from '../../sim/scenario-files.ts';
import { NullTraceSink } from '../../sim/trace-sink.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import { hrSeconds, printTable } from '../report.ts';

const argValue = (flag: string): string | undefined => {
  const k = process.argv.indexOf(flag);
  return k >= 0 ? process.argv[k + 1] : undefined;
};
const ROUNDS = Number(argValue('--rounds') ?? 5);
const BASELINE_DIR = argValue('--baseline');
const ONLY = argValue('--only')?.split(',');
const REPO = join(import.meta.dirname, '..', '..');
const SCENARIOS = ['isis-steady-load', 'isis-crash-under-loss', 'isis-random-faults'];
const SEED = '1';

type RunScenario = (scenario: Scenario, options: RunOptions) => RunResult;

interface Variant {
  name: string;
  pass: () => { events: number; bytes: number };
}

const scenarios = SCENARIOS.map((name) => loadScenarioFile(join(REPO, 'scenarios', `${name}.json`)).forSeed(Number(SEED)));

function withSink(detail: TraceDetail): Variant {
  return {
    name: detail,
    pass: () => {
      let events = 0;
      let bytes = 0;
      for (const scenario of scenarios) {
        const sink = new NullTraceSink();
        runScenario(scenario, { seed: SEED, traceSink: sink, detail });
        events += sink.lines - 1;
        bytes += sink.chars;
      }
      return { events, bytes };
    },
  };
}

function withoutSink(name: string, run: RunScenario): Variant {
  return {
    name,
    pass: () => {
      let events = 0;
      for (const scenario of scenarios) events += run(scenario, { seed: SEED }).traceEvents;
      return { events, bytes: 0 };
    },
  };
}

const all: Variant[] = [withoutSink('none', runScenario), withSink('app'), withSink('net'), withSink('full')];
if (BASELINE_DIR !== undefined) {
  await import(`${BASELINE_DIR}/protocol/builtin.ts`);
  const before = ((await import(`${BASELINE_DIR}/sim/run.ts`)) as { runScenario: RunScenario }).runScenario;
  all.push(withoutSink('main', before));
}
// `none` stays: the ratios are to it.
const variants = ONLY === undefined ? all : all.filter((v) => v.name === 'none' || ONLY.includes(v.name));

// One warm-up pass each, so no variant pays the JIT for the others.
for (const v of variants) v.pass();
const seconds = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const sizes = new Map<string, { events: number; bytes: number }>();
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) {
    const start = process.hrtime.bigint();
    const size = v.pass();
    seconds.get(v.name)!.push(hrSeconds(start));
    sizes.set(v.name, size);
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const base = median(seconds.get('none')!);
const appSize = sizes.get('app') ?? { events: sizes.get('none')!.events, bytes: 1 };
printTable(
  ['variant', 'median s', 'time / none', 'trace events', 'events / app', 'trace MB', 'bytes / app'],
  variants.map((v) => {
    const t = median(seconds.get(v.name)!);
    const size = sizes.get(v.name)!;
    const written = size.bytes > 0;
    return [
      v.name,
      t.toFixed(3),
      (t / base).toFixed(2),
      String(size.events),
      (size.events / appSize.events).toFixed(2),
      written ? (size.bytes / 1e6).toFixed(2) : '-',
      written ? (size.bytes / appSize.bytes).toFixed(2) : '-',
    ];
  }),
);
process.stdout.write(`${SCENARIOS.join(', ')}, seed ${SEED}; ${ROUNDS} rounds, alternating; medians\n`);
