// Shrinking in time: a shorter fault or settle phase, and the timed events
// (faults, joins, leaves) moved earlier all together. Times stay whole
// microseconds and keep their distances to each other: moving the events
// sooner changes where they fall in the workload (fewer multicasts before
// them), never the gaps between them that a bug may need.
import type { Scenario, ScheduledFault } from '../scenarios/types.ts';

/** The shortest fault phase and settle phase tried. */
export const MIN_PHASE_US = 1000;

/** The scenario with a fault phase of `durationUs`: the timed events at or after its end go (a later workload start comes to its end). */
export function withDuration(s: Scenario, durationUs: number): Scenario {
  const before = (atUs: number | undefined): boolean => atUs === undefined || atUs < durationUs;
  return {
    ...s,
    durationUs,
    faults: { ...s.faults, schedule: (s.faults?.schedule ?? []).filter((f) => before(f.atUs)) },
    workload: {
      ...s.workload,
      ...(s.workload.startUs !== undefined ? { startUs: Math.min(s.workload.startUs, durationUs) } : {}),
      joins: (s.workload.joins ?? []).filter((j) => j.atUs < durationUs),
      leaves: (s.workload.leaves ?? []).filter((l) => l.atUs < durationUs),
    },
  };
}

/** The scenario whose multicasts are issued from `startUs` on (sim/workload.ts: the arrivals after it unchanged). */
export function withStart(s: Scenario, startUs: number): Scenario {
  return { ...s, workload: { ...s.workload, startUs } };
}

/**
 * Shorter phase lengths to try, shortest first: just after the last event
 * the phase must hold (`floorUs`), then a quarter, a half and three quarters
 * of the current length (never below MIN_PHASE_US).
 */
export function shorterPhases(currentUs: number, floorUs: number): number[] {
  const out: number[] = [];
  const add = (us: number): void => {
    const v = Math.max(MIN_PHASE_US, Math.floor(us));
    if (v < currentUs && !out.includes(v)) out.push(v);
  };
  if (floorUs > 0) add(floorUs + 1);
  for (const part of [0.25, 0.5, 0.75]) if (currentUs * part > floorUs) add(currentUs * part);
  return out;
}

/** The time of the last timed fault, join or leave (0: none). */
export function lastTimedEventUs(s: Scenario): number {
  return Math.max(0, ...timedEventTimes(s));
}

/** The time of the first timed fault, join or leave, or of the first note window (none: no timed event). */
export function firstTimedEventUs(s: Scenario): number | undefined {
  const times = timedEventTimes(s);
  return times.length === 0 ? undefined : Math.min(...times);
}

function timedEventTimes(s: Scenario): number[] {
  const times: number[] = [];
  for (const f of s.faults?.schedule ?? []) {
    if (f.atUs !== undefined && f.onNote === undefined && f.at === undefined) times.push(f.atUs);
    if (f.at?.afterUs !== undefined && f.at.afterUs > 0) times.push(f.at.afterUs);
  }
  for (const j of s.workload.joins ?? []) times.push(j.atUs);
  for (const l of s.workload.leaves ?? []) times.push(l.atUs);
  return times;
}

/**
 * Every timed event `deltaUs` sooner, and the fault phase as much shorter
 * (0 < deltaUs <= the first timed event's time, so none moves before 0).
 * Note-triggered faults keep their notes; a note window (`at.afterUs`) and a
 * workload start move with the rest (a start not before 0).
 */
export function withEventsSooner(s: Scenario, deltaUs: number): Scenario {
  const sooner = (us: number): number => us - deltaUs;
  const schedule = (s.faults?.schedule ?? []).map((f): ScheduledFault => {
    let out: ScheduledFault = f;
    if (f.atUs !== undefined && f.onNote === undefined && f.at === undefined) out = { ...out, atUs: sooner(f.atUs) };
    if (f.at?.afterUs !== undefined && f.at.afterUs > 0) out = { ...out, at: { ...f.at, afterUs: sooner(f.at.afterUs) } };
    return out;
  });
  const shifted: Scenario = {
    ...s,
    durationUs: Math.max(MIN_PHASE_US, s.durationUs - deltaUs),
    workload: {
      ...s.workload,
      ...(s.workload.startUs !== undefined ? { startUs: Math.max(0, s.workload.startUs - deltaUs) } : {}),
      ...(s.workload.joins !== undefined ? { joins: s.workload.joins.map((j) => ({ ...j, atUs: sooner(j.atUs) })) } : {}),
      ...(s.workload.leaves !== undefined ? { leaves: s.workload.leaves.map((l) => ({ ...l, atUs: sooner(l.atUs) })) } : {}),
    },
  };
  if (s.faults !== undefined) shifted.faults = { ...s.faults, ...(s.faults.schedule !== undefined ? { schedule } : {}) };
  return shifted;
}

/**
 * Each note-triggered fault at an earlier occurrence of its note (1, a
 * quarter, a half, one fewer; the earliest first): a fault at the 20th
 * `sequencer-order` needs 20 total multicasts ordered before it, so no cap
 * below that keeps it, while the same fault at the 2nd needs 2.
 */
export function withEarlierNotes(s: Scenario): { what: string; scenario: Scenario }[] {
  const schedule = s.faults?.schedule ?? [];
  const out: { what: string; scenario: Scenario }[] = [];
  schedule.forEach((f, k) => {
    const occurrence = f.onNote?.occurrence ?? f.at?.occurrence ?? 1;
    const earlier = [...new Set([1, Math.floor(occurrence / 4), Math.floor(occurrence / 2), occurrence - 1])].filter((o) => o >= 1 && o < occurrence);
    for (const o of earlier.sort((a, b) => a - b)) {
      const moved: ScheduledFault = f.onNote !== undefined ? { ...f, onNote: { ...f.onNote, occurrence: o } } : { ...f, at: { ...(f.at as NonNullable<ScheduledFault['at']>), occurrence: o } };
      out.push({
        what: `fault ${k} (${f.type}) at note ${JSON.stringify(f.onNote?.text ?? f.at?.note)} number ${o} instead of ${occurrence}`,
        scenario: { ...s, faults: { ...s.faults, schedule: schedule.map((g, j) => (j === k ? moved : g)) } },
      });
    }
  });
  return out;
}
