// fast-check arbitrary for workloads: rate, order mix, joins and leaves.
import fc from 'fast-check';
import type { WorkloadSpec } from '../types.ts';

export interface WorkloadArbOptions {
  processes: number;
  durationUs: number;
  /** Most multicasts per simulated second (default 400). */
  maxRate?: number;
  /** Most joining hosts (default 2). */
  maxJoins?: number;
  /** Most voluntary leaves (default 1; never more than a minority). */
  maxLeaves?: number;
}

export function workloadArb(options: WorkloadArbOptions): fc.Arbitrary<WorkloadSpec> {
  const { processes, durationUs } = options;
  const atUs = fc.integer({ min: 0, max: Math.max(0, durationUs - 1) });
  const hosts = Array.from({ length: processes }, (_, k) => `p${k + 1}`);
  const maxLeaves = Math.min(options.maxLeaves ?? 1, Math.floor((processes - 1) / 2));
  return fc
    .record({
      multicastsPerSecond: fc.integer({ min: 10, max: options.maxRate ?? 400 }),
      orders: fc
        .record({ fifo: fc.integer({ min: 0, max: 3 }), causal: fc.integer({ min: 0, max: 3 }), total: fc.integer({ min: 0, max: 3 }) })
        .map((o) => (o.fifo + o.causal + o.total === 0 ? { ...o, total: 1 } : o)),
      keys: fc.integer({ min: 1, max: 8 }),
      joins: fc.array(fc.record({ atUs, count: fc.integer({ min: 1, max: 2 }) }), { maxLength: options.maxJoins ?? 2 }),
      leaves: fc.uniqueArray(fc.record({ atUs, host: fc.constantFrom(...hosts) }), {
        maxLength: maxLeaves,
        selector: (l) => l.host,
      }),
    })
    .map((w) => {
      const spec: WorkloadSpec = { multicastsPerSecond: w.multicastsPerSecond, orders: w.orders, keys: w.keys };
      if (w.joins.length > 0) spec.joins = w.joins;
      if (w.leaves.length > 0) spec.leaves = w.leaves;
      return spec;
    });
}
