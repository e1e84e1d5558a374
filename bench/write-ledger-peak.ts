// The write ledger (sim/replica-writes.ts) on a long run: the most
// total-order writes it keeps at once, against how many the run multicast,
// at 1x, 2x and 4x a base fault-phase duration of the soak scenario (random
// crashes, restarts, partitions). Flat peaks mean the ledger forgets writes
// as they are delivered. Run:
//   npx tsx bench/write-ledger-peak.ts [scenario] [--base-s SECONDS] [--factors 1,2,4] [--seed N]
import { loadScenarioFile } from '../sim/scenario-files.ts';
import { runScenario } from '../sim/run.ts';
import type { WriteLedger } from '../sim/replica-writes.ts';
import type { TraceSink } from '../sim/trace-sink.ts';
import { benchArgs } from './args.ts';
import { hrSeconds, printTable } from './report.ts';

const args = benchArgs(process.argv.slice(2), ['--base-s', '--factors', '--seed']);
const file = args.positionals[0] ?? 'scenarios/soak/isis-soak.json';
const baseUs = Number(args.valueOf('--base-s') ?? 30) * 1_000_000;
const factors = (args.valueOf('--factors') ?? '1,2,4').split(',').map(Number);
const seed = args.valueOf('--seed') ?? '1';

/** Counts the total-order multicasts as the trace goes by: what a ledger that kept every write would hold at the end. */
function totalOrderCounter(): TraceSink & { count: number } {
  return {
    count: 0,
    write(line) {
      if (line.startsWith('{"type":"bcast"') && line.includes('"order":"total"')) this.count++;
    },
    flush() {},
    close() {},
  };
}

const rows: string[][] = [];
for (const factor of factors) {
  const base = loadScenarioFile(file).forSeed(Number(seed));
  const durationUs = baseUs * factor;
  const perSecond = base.workload.multicastsPerSecond ?? 0;
  const scenario = { ...base, durationUs, workload: { ...base.workload, maxMulticasts: Math.ceil((perSecond * durationUs) / 1_000_000) } };
  let ledger: WriteLedger | undefined;
  const counter = totalOrderCounter();
  const start = process.hrtime.bigint();
  const result = runScenario(scenario, { seed, traceSink: counter, onWriteLedger: (made) => (ledger = made) });
  rows.push([
    `${factor}x (${durationUs / 1_000_000} s)`,
    result.passed ? 'passed' : `FAILED: ${result.failure}`,
    String(result.multicasts),
    String(counter.count),
    String(ledger?.peakOutstandingWrites ?? '?'),
    String(ledger?.outstandingWrites ?? '?'),
    hrSeconds(start).toFixed(1),
  ]);
}
process.stdout.write(`${file}, seed ${seed}\n`);
printTable(['fault phase', 'verdict', 'multicasts', 'total-order writes', 'ledger peak', 'ledger at end', 'wall s'], rows);
