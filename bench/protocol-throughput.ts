// Protocol throughput: deliveries per wall-clock second in a 5-process group
// on a lossy network, for FBCAST, CBCAST and ABCAST, in the same run (the
// FBCAST figure is the baseline the others are compared with). The online
// checkers are off here; bench/checkers measures them. The cases run in
// turn, round after round (A B C A B C ...), and each figure is the median
// of its rounds, so load from other work hits every case alike. Run:
//   npx tsx bench/protocol-throughput.ts [multicasts] [rounds]
// Options for the full stack (e.g. '{"orderBatchUs":0}') can be given in
// ISIS_OPTIONS, to compare against ABCAST without order batching.
import '../protocol/builtin.ts';
import { protocolFactory } from '../protocol/registry.ts';
import type { DeliveryOrder } from '../protocol/types.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../scenarios/types.ts';
import { hrSeconds, printTable, median } from './report.ts';

const MULTICASTS = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const FULL_STACK_OPTIONS = JSON.parse(process.env['ISIS_OPTIONS'] ?? '{}') as Record<string, unknown>;

function scenario(protocol: string, order: DeliveryOrder): Scenario {
  const rate = 2000;
  return {
    name: `throughput-${protocol}-${order}`,
    description: 'throughput benchmark',
    processes: 5,
    protocol: protocol === 'isis' ? { name: protocol, options: FULL_STACK_OPTIONS } : { name: protocol },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 1000 }, lossProbability: 0.02, duplicateProbability: 0.01 },
    workload: { multicastsPerSecond: rate, orders: { fifo: order === 'fifo' ? 1 : 0, causal: order === 'causal' ? 1 : 0, total: order === 'total' ? 1 : 0 }, maxMulticasts: MULTICASTS },
    durationUs: Math.ceil((MULTICASTS / rate) * 1.2 * 1e6),
    settleUs: 5_000_000,
    seeds: [1],
    limits: { maxEvents: 50_000_000, maxTraceEvents: 50_000_000 },
  };
}

const cases: [string, string, DeliveryOrder][] = [
  ['FBCAST (static group)', 'isis-fbcast-static', 'fifo'],
  ['CBCAST (static group)', 'isis-cbcast-static', 'causal'],
  ['FBCAST (full stack)', 'isis', 'fifo'],
  ['CBCAST (full stack)', 'isis', 'causal'],
  ['ABCAST (full stack)', 'isis', 'total'],
];

const active = cases.filter(([, protocol]) => protocolFactory(protocol) !== undefined);
for (const [, protocol, order] of active) runScenario(scenario(protocol, order), { seed: '0', checker: null }); // warm-up
const seconds: number[][] = active.map(() => []);
const results = active.map(() => ({ multicasts: 0, deliveries: 0, passed: true, failure: '' }));
for (let round = 0; round < ROUNDS; round++) {
  active.forEach(([, protocol, order], k) => {
    const start = process.hrtime.bigint();
    const result = runScenario(scenario(protocol, order), { seed: '1', checker: null });
    seconds[k]?.push(hrSeconds(start));
    results[k] = { multicasts: result.multicasts, deliveries: result.deliveries, passed: result.passed, failure: result.failure ?? '' };
  });
}
const rows: string[][] = [];
let baseline = 0;
active.forEach(([label], k) => {
  const r = results[k]!;
  const time = median(seconds[k] ?? []);
  const rate = r.deliveries / time;
  if (baseline === 0) baseline = rate;
  rows.push([label, String(r.multicasts), String(r.deliveries), r.passed ? 'yes' : `NO (${r.failure})`, time.toFixed(2), Math.round(rate).toLocaleString('en-US'), (rate / baseline).toFixed(2)]);
});
process.stdout.write(`${ROUNDS} rounds, median seconds; full-stack options ${JSON.stringify(FULL_STACK_OPTIONS)}\n`);
printTable(['protocol', 'multicasts', 'deliveries', 'passed', 'median s', 'deliveries/s', 'x FBCAST static'], rows);
