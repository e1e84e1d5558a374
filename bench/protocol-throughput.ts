// Protocol throughput: deliveries per wall-clock second in a 5-process group
// on a lossy network, for FBCAST, CBCAST and ABCAST, in the same run (the
// FBCAST figure is the baseline the others are compared with). The online
// checkers are off here; bench/checkers measures them. Run:
//   npx tsx bench/protocol-throughput.ts [multicasts]
import '../protocol/builtin.ts';
import { protocolFactory } from '../protocol/registry.ts';
import type { DeliveryOrder } from '../protocol/types.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../scenarios/types.ts';
import { hrSeconds, printTable } from './report.ts';

const MULTICASTS = Number(process.argv[2] ?? 20_000);

function scenario(protocol: string, order: DeliveryOrder): Scenario {
  const rate = 2000;
  return {
    name: `throughput-${protocol}-${order}`,
    description: 'throughput benchmark',
    processes: 5,
    protocol: { name: protocol },
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

const rows: string[][] = [];
let baseline = 0;
for (const [label, protocol, order] of cases) {
  if (protocolFactory(protocol) === undefined) continue;
  runScenario(scenario(protocol, order), { seed: '0', checker: null }); // warm-up
  const start = process.hrtime.bigint();
  const result = runScenario(scenario(protocol, order), { seed: '1', checker: null });
  const seconds = hrSeconds(start);
  const rate = result.deliveries / seconds;
  if (baseline === 0) baseline = rate;
  rows.push([label, String(result.multicasts), String(result.deliveries), result.passed ? 'yes' : `NO (${result.failure})`, seconds.toFixed(2), Math.round(rate).toLocaleString('en-US'), (rate / baseline).toFixed(2)]);
}
printTable(['protocol', 'multicasts', 'deliveries', 'passed', 'seconds', 'deliveries/s', 'x FBCAST static'], rows);
