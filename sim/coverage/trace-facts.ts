// What the traces of a run show about which parts of the protocol mattered:
// the notes processes wrote and which note followed which on one process,
// the message kinds sent (from `send` events that carry a `kind`), and which
// fault kinds hit a process in which role. Each fact is a string key; the
// hunt (sim/hunt) counts a run new when it adds a key.
import type { LeaveSpec } from '../../scenarios/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { TraceRoleTracker } from './roles.ts';

export type FactFamily = 'note' | 'note-pair' | 'message-kind' | 'fault-role';

/** Bound on distinct facts of one run: notes with unbounded text cannot fill memory. */
const MAX_FACTS_PER_RUN = 10_000;
const MAX_FACT_CHARS = 120;

/** Facts of one run, observed event by event. */
export class RunFacts {
  readonly facts = new Map<string, number>();
  private readonly roles: TraceRoleTracker;
  private readonly lastNote = new Map<string, string>();
  private readonly processes = new Set<string>();

  /** `initialHosts`: the scenario's `processes` (roles need to tell p1..pN from joiners). */
  constructor(leaves: readonly LeaveSpec[] = [], initialHosts?: number) {
    this.roles = new TraceRoleTracker(leaves, initialHosts);
  }

  observe(event: TraceEvent): void {
    const fields = event as unknown as Record<string, unknown>;
    const node = typeof fields['node'] === 'string' ? fields['node'] : null;
    // A trace event, not an effect (sim/system interprets those): an `if`, so no `case 'send'` here.
    if (event.type === 'send' && typeof fields['kind'] === 'string') this.add('message-kind', fields['kind']);
    switch (event.type) {
      case 'start':
        if (node !== null) this.processes.add(node);
        break;
      case 'note':
        if (node !== null) {
          const text = this.normalize(String(fields['text']));
          this.add('note', text);
          const previous = this.lastNote.get(node);
          if (previous !== undefined) this.add('note-pair', `${previous} > ${text}`);
          this.lastNote.set(node, text);
        }
        break;
      case 'crash':
        if (node !== null) this.faultHit('crash', [node], event.t);
        break;
      case 'partition':
        this.faultHit('partition', minoritySides(fields['groups']), event.t);
        break;
      case 'link': {
        const ends = [fields['from'], fields['to']].filter((p): p is string => typeof p === 'string');
        this.faultHit('link', ends, event.t);
        break;
      }
      default:
        break;
    }
    this.roles.observe(event);
  }

  private faultHit(kind: string, targets: readonly string[], tUs: number): void {
    for (const pid of targets) for (const role of this.roles.rolesOf(pid, tUs)) this.add('fault-role', `${kind} x ${role}`);
  }

  /** Process ids out of a note's text: `suspect p3` and `suspect p4#2` are one fact. */
  private normalize(text: string): string {
    const words = text.split(' ').map((w) => (this.processes.has(w) || /^p\d+(#\d+)?$/.test(w) ? '<process>' : w));
    return words.join(' ').slice(0, MAX_FACT_CHARS);
  }

  private add(family: FactFamily, what: string): void {
    const key = `${family}: ${what}`;
    const count = this.facts.get(key);
    if (count !== undefined) this.facts.set(key, count + 1);
    else if (this.facts.size < MAX_FACTS_PER_RUN) this.facts.set(key, 1);
  }
}

/** A partition hits the processes outside its largest side. */
function minoritySides(groups: unknown): string[] {
  if (!Array.isArray(groups)) return [];
  const sides = groups.filter((g): g is string[] => Array.isArray(g));
  let largest = 0;
  sides.forEach((g, k) => {
    if (g.length > (sides[largest]?.length ?? 0)) largest = k;
  });
  return sides.filter((_, k) => k !== largest).flat();
}

export function familyOf(key: string): FactFamily {
  return key.slice(0, key.indexOf(':')) as FactFamily;
}
