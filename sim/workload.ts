// The application's side of a run: Poisson multicast arrivals with an order
// mix, timed joins of new hosts, and voluntary leaves. Work is issued only
// during the fault phase, and multicasts only from `startUs` on.
import type { DeliveryOrder } from '../protocol/types.ts';
import type { WorkloadSpec } from '../scenarios/types.ts';
import { DELIVERY_ORDERS } from '../traces/schema.ts';
import type { Rng } from './rng.ts';
import type { World } from './world.ts';

export interface WorkloadOptions {
  spec: WorkloadSpec;
  rng: Rng;
  /** Hosts p1..pN already exist; joins add p(N+1), ... */
  initialHosts: number;
  durationUs: number;
}

export const DEFAULT_KEYS = 8;

export function startWorkload(world: World, options: WorkloadOptions): void {
  const { spec, rng, durationUs } = options;
  const orderWeights = DELIVERY_ORDERS.map((order) => spec.orders[order]);
  const keys = spec.keys ?? DEFAULT_KEYS;
  const maxMulticasts = spec.maxMulticasts ?? Number.MAX_SAFE_INTEGER;
  const meanGapUs = spec.multicastsPerSecond > 0 ? 1_000_000 / spec.multicastsPerSecond : 0;
  const startUs = spec.startUs ?? 0;
  let issued = 0;
  let arrived = 0;

  // An arrival before `startUs` draws exactly what an issued one draws and is dropped: the arrivals
  // from `startUs` on are the same (time, target, order, key, value) as without a start, so a later
  // start removes the early multicasts and keeps the rest (what the shrinker's start pass relies on).
  const arrival = (): void => {
    if (world.nowUs >= durationUs || issued >= maxMulticasts) return;
    const live = world.liveProcesses();
    if (live.length > 0) {
      const target = rng.pick(live);
      const order = DELIVERY_ORDERS[rng.weightedIndex(orderWeights)] as DeliveryOrder;
      const key = `k${rng.int(keys)}`;
      arrived++;
      if (world.nowUs >= startUs) {
        issued++;
        world.request(target, { type: 'multicast', order, payload: { key, value: arrived } });
      }
    }
    world.at(Math.max(1, rng.exponentialInt(meanGapUs)), arrival);
  };
  if (meanGapUs > 0) world.at(Math.max(1, rng.exponentialInt(meanGapUs)), arrival);

  let nextHost = options.initialHosts + 1;
  for (const join of spec.joins ?? []) {
    world.at(join.atUs, () => {
      for (let k = 0; k < (join.count ?? 1); k++) {
        const contacts = world.liveProcesses().map((p) => p.pid);
        world.startProcess(`p${nextHost++}`, { mode: 'join', contacts });
      }
    });
  }
  for (const leave of spec.leaves ?? []) {
    world.at(leave.atUs, () => {
      const process = world.currentOfHost.get(leave.host);
      if (process !== undefined) world.request(process, { type: 'leave' });
    });
  }
}
