// fast-check arbitrary for fault schedules: timed faults, and faults fired
// at a protocol note of a host or a role (BUGGIFY-style), aimed at hosts or
// at roles resolved when they fire. Crashes stay a minority of the initial
// hosts, so a primary-partition protocol can always make progress once the
// network heals (the settle phase heals it); scenarioArb's keepMajority
// counts every other way a host can be lost.
import fc from 'fast-check';
import { SCHEDULED_FAULT_TYPES, SCHEDULED_FAULTS, scheduledPart } from '../../sim/faults/index.ts';
import { TRIGGER_NOTES } from '../membership-plan.ts';
import { PROCESS_ROLES, type HostName, type HostOrRole, type NoteAt, type ScheduledFault, type ScheduledFaultType } from '../types.ts';

export interface FaultScheduleArbOptions {
  processes: number;
  durationUs: number;
  /** Most faults in the schedule (default 6). */
  maxFaults?: number;
  /** Fault types to draw from (default all). */
  types?: ScheduledFaultType[];
  /** Aim some faults at roles (coordinator, sequencer, ...) instead of hosts (default true). */
  roles?: boolean;
  /** Fire some faults at protocol notes instead of times (default true). */
  noteTriggers?: boolean;
  /** Notes to fire at, each with the nodes that emit it (default the ISIS stack's). */
  notes?: Readonly<Record<string, readonly string[]>>;
}

export const ALL_FAULT_TYPES: ScheduledFaultType[] = [...SCHEDULED_FAULT_TYPES];

type When = { atUs: number } | { at: NoteAt };

export function faultScheduleArb(options: FaultScheduleArbOptions): fc.Arbitrary<ScheduledFault[]> {
  const { processes, durationUs } = options;
  const hosts = Array.from({ length: processes }, (_, k) => `p${k + 1}`);
  const host = fc.constantFrom(...hosts);
  const target: fc.Arbitrary<HostOrRole> =
    options.roles === false ? host : fc.oneof({ arbitrary: host, weight: 3 }, { arbitrary: fc.constantFrom(...PROCESS_ROLES), weight: 1 });
  const atUs = fc.integer({ min: 0, max: Math.max(0, durationUs - 1) });
  const notes = options.notes ?? TRIGGER_NOTES;
  const noteNames = Object.keys(notes);
  const timed: fc.Arbitrary<When> = atUs.map((t) => ({ atUs: t }));
  const onNote: fc.Arbitrary<When> = fc
    .record({
      note: fc.constantFrom(...noteNames),
      pick: fc.nat(15),
      occurrence: fc.integer({ min: 1, max: 3 }),
      delayUs: fc.integer({ min: 0, max: 5000 }),
      afterUs: atUs,
    })
    .map(({ note, pick, occurrence, delayUs, afterUs }) => {
      const nodes = notes[note] ?? ['any'];
      return { at: { note, node: nodes[pick % nodes.length] as NoteAt['node'], occurrence, delayUs, afterUs } };
    });
  const when: fc.Arbitrary<When> =
    options.noteTriggers === false || noteNames.length === 0 ? timed : fc.oneof({ arbitrary: timed, weight: 3 }, { arbitrary: onNote, weight: 1 });
  const types = options.types ?? ALL_FAULT_TYPES;
  // Each type's arbitrary is in its file in sim/faults/.
  const fault: fc.Arbitrary<ScheduledFault> = fc.oneof(...types.map((type): fc.Arbitrary<ScheduledFault> => SCHEDULED_FAULTS[type].arbitrary({ hosts, target, when })));
  const maxCrashes = Math.floor((processes - 1) / 2);
  return fc
    .array(fault, { maxLength: options.maxFaults ?? 6 })
    .map((faults) => {
      // Keep at most a minority of distinct hosts ever crashed or restarted (a role counts anew each time).
      const hit = new Set<HostName>();
      return faults
        .filter((f, k) => {
          const part = scheduledPart(f);
          if (!part.keepDrawn(f)) return false;
          if (!part.countsAsCrash || !('host' in f)) return true;
          const key = (PROCESS_ROLES as readonly string[]).includes(f.host) ? `${f.host}#${k}` : f.host;
          if (hit.has(key)) return true;
          if (hit.size >= maxCrashes) return false;
          hit.add(key);
          return true;
        })
        .sort((a, b) => timeOf(a) - timeOf(b));
    });
}

/** A timed fault's time, a note-triggered one's earliest. */
function timeOf(f: ScheduledFault): number {
  return f.atUs ?? f.at?.afterUs ?? 0;
}
