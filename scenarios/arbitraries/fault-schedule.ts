// fast-check arbitrary for timed fault schedules. Crashes stay a minority
// of the initial hosts, so a primary-partition protocol can always make
// progress once the network heals (the settle phase heals it).
import fc from 'fast-check';
import type { HostName, ScheduledFault, ScheduledFaultType } from '../types.ts';

export interface FaultScheduleArbOptions {
  processes: number;
  durationUs: number;
  /** Most faults in the schedule (default 6). */
  maxFaults?: number;
  /** Fault types to draw from (default all). */
  types?: ScheduledFaultType[];
}

export const ALL_FAULT_TYPES: ScheduledFaultType[] = ['crash', 'restart', 'partition', 'heal', 'link', 'link-reset'];

export function faultScheduleArb(options: FaultScheduleArbOptions): fc.Arbitrary<ScheduledFault[]> {
  const { processes, durationUs } = options;
  const hosts = Array.from({ length: processes }, (_, k) => `p${k + 1}`);
  const host = fc.constantFrom(...hosts);
  const atUs = fc.integer({ min: 0, max: Math.max(0, durationUs - 1) });
  const types = options.types ?? ALL_FAULT_TYPES;
  const fault: fc.Arbitrary<ScheduledFault> = fc.oneof(
    ...types.map((type): fc.Arbitrary<ScheduledFault> => {
      switch (type) {
        case 'crash':
          return fc.record({ type: fc.constant('crash' as const), host, atUs });
        case 'restart':
          return fc.record({ type: fc.constant('restart' as const), host, atUs });
        case 'partition':
          return fc.record({ type: fc.constant('partition' as const), groups: partitionArb(hosts), atUs });
        case 'heal':
          return fc.record({ type: fc.constant('heal' as const), atUs });
        case 'link':
          return fc.record({
            type: fc.constant('link' as const),
            from: host,
            to: host,
            atUs,
            delay: fc.integer({ min: 1000, max: 100_000 }).map((d) => ({ minUs: d, meanUs: d, jitterUs: Math.ceil(d / 10) })),
          });
        case 'link-reset':
          return fc.record({ type: fc.constant('link-reset' as const), atUs });
      }
    }),
  );
  const maxCrashes = Math.floor((processes - 1) / 2);
  return fc
    .array(fault, { maxLength: options.maxFaults ?? 6 })
    .map((faults) => {
      // Keep at most a minority of distinct hosts ever crashed or restarted.
      const hit = new Set<HostName>();
      return faults
        .filter((f) => {
          if (f.type !== 'crash' && f.type !== 'restart') return f.type !== 'link' || f.from !== f.to;
          if (hit.has(f.host)) return true;
          if (hit.size >= maxCrashes) return false;
          hit.add(f.host);
          return true;
        })
        .sort((a, b) => (a.atUs ?? 0) - (b.atUs ?? 0));
    });
}

/** Two or three groups covering all hosts, none empty. */
function partitionArb(hosts: string[]): fc.Arbitrary<HostName[][]> {
  return fc
    .tuple(fc.integer({ min: 2, max: Math.min(3, hosts.length) }), fc.array(fc.nat(), { minLength: hosts.length, maxLength: hosts.length }))
    .map(([count, draws]) => {
      const groups: HostName[][] = Array.from({ length: count }, () => []);
      hosts.forEach((h, k) => groups[k < count ? k : (draws[k] as number) % count]!.push(h));
      return groups;
    });
}
