// An explored path, given times, as choices of sim/system: the reverse of
// conformance.spec.ts. The explorer keeps its own immutable state (hashed
// slots, a multiset of in-flight messages); this turns each of its steps
// into the choices the timed simulator makes (start, deliver, timer,
// request, suspect, crash, partition, heal) and takes them through
// ChoiceReplay, which refuses any choice not enabled there. A message is
// named by its send number in sim/system: each message the explorer puts in
// flight is matched, in send order, to a send the replayed step made with
// the same sender, receiver and content (a send with no match throws).
//
// Explorer faults without a choice of their own (sim/system/choice.ts):
// a `drop` is a message never delivered, a `duplicate` a send delivered
// twice, a `leave` a `leave` request, a `join` a start with mode `join`, a
// `restart` the start of the host's next incarnation (its old process is
// already crashed in the explorer).
import { isDeepStrictEqual } from 'node:util';
import type { AnyProtocol } from '../../protocol/types.ts';
import { assertNever } from '../../protocol/types.ts';
import type { TraceDetail, UnnumberedEvent } from '../../traces/schema.ts';
import { hostOf, workloadRequest, type Action } from '../explore/actions.ts';
import type { ExploreConfig } from '../explore/config.ts';
import { LIVE, type GlobalState, type InFlight } from '../explore/state.ts';
import type { Choice } from './choice.ts';
import { ChoiceReplay } from './choice-replay.ts';

export class ExploredPathReplay {
  readonly replay: ChoiceReplay;
  /** The send number of each message the explorer has in flight (a duplicate shares its original's). */
  private readonly sendOf = new Map<InFlight, number>();
  /** Sends made before the step being replayed. */
  private sendsBefore = 0;
  /** Every choice taken, in order. */
  readonly choices: Choice[] = [];

  constructor(protocol: AnyProtocol, private readonly config: ExploreConfig, record: (event: UnnumberedEvent) => void, detail: TraceDetail = 'app') {
    this.replay = new ChoiceReplay(protocol, record, 10_000_000, detail);
  }

  /** The explorer's initial state: its processes start as the first view's members, at time `t`. */
  start(initial: GlobalState, t: number): void {
    const members = initial.procs.map((p) => p.pid);
    for (const pid of members) this.take({ kind: 'start', t, host: pid, start: { mode: 'member', initialMembers: [...members] } });
    this.matchSends(initial);
  }

  /** The explorer's step from `before` by `action` (into `after`), at time `t`. */
  step(before: GlobalState, action: Action, after: GlobalState, t: number): void {
    for (const choice of this.choicesOf(before, action, t)) this.take(choice);
    this.matchSends(after);
  }

  private take(choice: Choice): void {
    this.choices.push(choice);
    this.replay.take(choice);
  }

  /** The system's choices for one explorer action (none for a drop or a duplicate: they change only what gets delivered). */
  private choicesOf(s: GlobalState, a: Action, t: number): Choice[] {
    const pid = (index: number): string => {
      const slot = s.procs[index];
      if (slot === undefined) throw new Error(`explored path: no process in slot ${index}`);
      return slot.pid;
    };
    const contacts = (): string[] => s.procs.filter((p) => p.status === LIVE).map((p) => p.pid);
    switch (a.kind) {
      case 'request': {
        const made = (s.procs[a.owner]?.requestsMade ?? 0) + 1;
        return [{ kind: 'request', t, process: pid(a.owner), request: workloadRequest(this.config.order, made) }];
      }
      case 'deliver': {
        const m = s.bag[a.index];
        const message = m === undefined ? undefined : this.sendOf.get(m);
        if (message === undefined) throw new Error(`explored path: in-flight message @${a.index} has no send`);
        return [{ kind: 'deliver', t, message }];
      }
      case 'timer':
        return [{ kind: 'timer', t, process: pid(a.owner), tag: a.tag }];
      case 'suspect':
        return [{ kind: 'suspect', t, process: pid(a.owner), suspect: pid(a.suspect) }];
      case 'crash':
        return [{ kind: 'crash', t, process: pid(a.owner) }];
      case 'drop':
      case 'duplicate':
        return [];
      case 'leave':
        return [{ kind: 'request', t, process: pid(a.owner), request: { type: 'leave' } }];
      case 'join':
      case 'restart':
        return [{ kind: 'start', t, host: hostOf(a.pid), start: { mode: 'join', contacts: contacts() } }];
      case 'partition':
        return [{ kind: 'partition', t, groups: a.groups.map((g) => [...g]) }];
      case 'heal':
        return [{ kind: 'heal', t }];
      default:
        return assertNever(a, 'action');
    }
  }

  /** Names each message new in flight in `after` by the first matching send of the step, in send order. */
  private matchSends(after: GlobalState): void {
    const sent = this.replay.system.counts.messagesSent;
    let next = this.sendsBefore;
    for (const m of after.bag) {
      if (this.sendOf.has(m)) continue;
      while (next < sent && !this.matches(next, m)) next++;
      if (next >= sent) throw new Error(`explored path: the explorer has a message ${m.from}>${m.to} in flight that the system never sent`);
      this.sendOf.set(m, next++);
    }
    this.sendsBefore = sent;
  }

  private matches(message: number, m: InFlight): boolean {
    const send = this.replay.sentMessage(message);
    return send !== undefined && send.from.pid === m.from && send.to === m.to && isDeepStrictEqual(send.msg, m.body);
  }
}
