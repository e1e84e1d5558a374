// Faults aimed at protocol moments, for the hunt's mutations (mutate.ts).
// The bugs random faults rarely hit need a fault at the moment that matters
// and on the process that matters (BUGGIFY; Mallory's note-guided faults):
// the coordinator cut off just after a flush reply, the sequencer isolated
// right after it orders, a link turned slow enough for a false suspicion.
// So a mutation adds such a fault: triggered by a protocol note the runs
// have shown (the vocabulary grows with coverage, it is not a list of
// ours), emitted by a role or any process, at some occurrence and delay,
// hitting a role or a host, and undone a little later (heal, link reset)
// so the run can still show whether the group recovers. Another mutation
// re-aims an existing fault: a new note, role, occurrence or delay.
import type { HostOrRole, NoteAt, Scenario, ScheduledFault } from '../../scenarios/types.ts';
import { PROCESS_ROLES } from '../../scenarios/types.ts';
import type { Rng } from '../rng.ts';

/** What an aimed fault does to its target. */
export const AIMED_FAULTS = ['isolate', 'crash', 'slow-link', 'dead-link', 'cut-pair'] as const;
export type AimedFault = (typeof AIMED_FAULTS)[number];
/** Cutting a process off is what most protocol moments are fragile to; a slow link makes false suspicions. */
const AIMED_FAULT_WEIGHTS = [3, 1, 2, 1, 1] as const;

/** How many times the parent's run emitted each trigger note: aim only at moments that happen. */
export type NoteCounts = Readonly<Record<string, number>>;

/** Occurrences to aim at: early ones, and deep into a busy run (the 20th order batch). */
const OCCURRENCES = [1, 1, 2, 3, 5, 10, 20] as const;
/** Delays after the note: at once, within a message's flight, within a protocol phase. */
const DELAYS_US = [0, 200, 1_000, 4_000, 12_000] as const;
/** How long an aimed fault lasts before it is undone (heal or link reset), beyond its delay. */
const DURATIONS_US = [100_000, 250_000, 500_000] as const;
/** A slow link this slow outlasts the default suspicion timeout (60 ms) several times over. */
const SLOW_LINK_US = 150_000;

/** Who emits the trigger note: mostly any process or the roles most notes come from. */
const WHO: readonly (HostOrRole | 'any')[] = ['any', 'any', 'coordinator', 'coordinator', 'sequencer', ...PROCESS_ROLES.filter((r) => r !== 'coordinator' && r !== 'sequencer')];
const TARGET_ROLES: readonly HostOrRole[] = ['coordinator', 'coordinator', 'sequencer', ...PROCESS_ROLES.filter((r) => r !== 'coordinator' && r !== 'sequencer')];

/** The notes a trigger may name: the exact texts a run emitted (no process ids in them). */
export function triggerNotes(noteFacts: Iterable<string>): string[] {
  const notes = new Set<string>();
  for (const text of noteFacts) if (!text.includes('<process>') && !text.includes(' ')) notes.add(text);
  return [...notes].sort();
}

function hostOf(s: Scenario, rng: Rng): string {
  return `p${1 + rng.int(Math.max(1, s.processes))}`;
}

/**
 * A trigger. With the parent run's note counts, one of the notes it emitted
 * at an occurrence it reached, counted from the start (a process that
 * emits it may not be the role named, so it may still not fire); without,
 * any known note, at a guessed occurrence after a random time.
 */
function aimAt(s: Scenario, notes: readonly string[], counts: NoteCounts | undefined, rng: Rng): NoteAt {
  const seen = counts === undefined ? [] : Object.keys(counts).filter((n) => (counts[n] ?? 0) > 0).sort();
  if (seen.length > 0 && rng.chance(0.8)) {
    const note = rng.pick(seen);
    const node = rng.pick(WHO);
    // The count is over every process: one process (a role) emitted about its share.
    const reached = node === 'any' ? counts![note]! : Math.ceil(counts![note]! / Math.max(1, s.processes));
    return { note, node, occurrence: 1 + rng.int(reached), delayUs: rng.pick(DELAYS_US) };
  }
  return {
    note: rng.pick(notes),
    node: rng.pick(WHO),
    occurrence: rng.pick(OCCURRENCES),
    delayUs: rng.pick(DELAYS_US),
    afterUs: rng.int(Math.max(1, Math.round(s.durationUs / 2))),
  };
}

/** Adds one aimed fault (and what undoes it) to the schedule; null when no note is known yet. */
export function addAimedFault(s: Scenario, notes: readonly string[], rng: Rng, counts?: NoteCounts): { scenario: Scenario; what: string } | null {
  if (notes.length === 0) return null;
  const at = aimAt(s, notes, counts, rng);
  const kind = AIMED_FAULTS[rng.weightedIndex(AIMED_FAULT_WEIGHTS)]!;
  // Often the process that emitted the note is the one to hit (the coordinator mid-flush).
  const target = at.node !== 'any' && rng.chance(0.5) ? at.node : rng.pick(TARGET_ROLES);
  const undoAt: NoteAt = { ...at, delayUs: (at.delayUs ?? 0) + rng.pick(DURATIONS_US) };
  const other = hostOf(s, rng);
  let added: ScheduledFault[];
  switch (kind) {
    case 'isolate':
      added = [{ type: 'isolate', host: target, at }, { type: 'heal', at: undoAt }];
      break;
    case 'crash':
      added = [{ type: 'crash', host: target, at }];
      break;
    case 'slow-link':
      added = [
        { type: 'link', from: target, to: other, bidirectional: false, delay: { minUs: SLOW_LINK_US, meanUs: SLOW_LINK_US, jitterUs: 1_000 }, at },
        { type: 'link-reset', at: undoAt },
      ];
      break;
    case 'dead-link':
      added = [{ type: 'link', from: target, to: other, bidirectional: false, lossProbability: 1, at }, { type: 'link-reset', at: undoAt }];
      break;
    case 'cut-pair':
      added = [{ type: 'link', from: target, to: other, bidirectional: true, lossProbability: 1, at }, { type: 'link-reset', at: undoAt }];
      break;
  }
  s.faults = { ...s.faults, schedule: [...(s.faults?.schedule ?? []), ...added] };
  return { scenario: s, what: `${kind} ${target} at ${at.note}#${at.occurrence} of ${at.node} +${at.delayUs} us` };
}

/** Re-aims one scheduled fault: a time becomes a note trigger, or a trigger gets a new note, emitter, occurrence or delay. */
export function reaimFault(s: Scenario, notes: readonly string[], rng: Rng, counts?: NoteCounts): { scenario: Scenario; what: string } | null {
  const schedule = s.faults?.schedule ?? [];
  if (schedule.length === 0 || notes.length === 0) return null;
  const k = rng.int(schedule.length);
  const fault = { ...schedule[k]! } as ScheduledFault;
  const fresh = aimAt(s, notes, counts, rng);
  let at: NoteAt;
  if (fault.at === undefined) {
    at = fresh;
  } else {
    // One field at a time, so a fault that already lands somewhere interesting moves only a little.
    const field = rng.int(4);
    at = { ...fault.at, ...(field === 0 ? { note: fresh.note } : field === 1 ? { node: fresh.node } : field === 2 ? { occurrence: fresh.occurrence } : { delayUs: fresh.delayUs }) };
  }
  delete fault.atUs;
  delete fault.onNote;
  fault.at = at;
  const next = schedule.slice();
  next[k] = fault;
  s.faults = { ...s.faults, schedule: next };
  return { scenario: s, what: `${fault.type} re-aimed at ${at.note}#${at.occurrence ?? 1} of ${at.node} +${at.delayUs ?? 0} us` };
}
