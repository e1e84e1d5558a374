// The events of a counterexample at detail `full`: each step opens with a
// `choice` event (the explorer's choice, the label `exploreChoices` holds),
// then what the step did to the network and what it made the processes do.
// The explorer's states keep in-flight messages as a multiset of shared
// objects, so the network events come from comparing the bags of two
// consecutive states: a message object that appears is a `send`, one the
// step delivered is a `recv`, one it lost is a `drop` (its reason from the
// step: a drop choice is `loss`, a crash `crashed`, a partition `cut`,
// anything else an exit), a duplicate choice is a `dup` (the explorer's own
// `duplicate` event stays too). Each message gets a `net` name when it
// appears, as in a timed run.
import type { AnyProtocol, MessageDescription } from '../../protocol/types.ts';
import type { DropReason, TraceEvent, UnnumberedEvent } from '../../traces/schema.ts';
import { numberEvent } from '../../traces/serialize.ts';
import type { Action } from './actions.ts';
import type { GlobalState, InFlight } from './state.ts';

const UNDESCRIBED: MessageDescription = { kind: 'msg', key: '' };

/** Numbers the events of a path, step by step, and names its messages. */
export class CounterexampleEvents {
  readonly events: TraceEvent[] = [];
  /** Message object -> the `net` names of its copies in flight, oldest first. */
  private readonly names = new Map<InFlight, number[]>();
  private nextNet = 0;

  constructor(private readonly protocol: AnyProtocol) {}

  /** The initial state: its events, then the messages its start handlers sent. */
  initial(state: GlobalState): void {
    for (const event of state.trail.events) this.push(event);
    this.sends(new Map(), state.bag, state.trail.depth);
  }

  /** Step `step` took `action` (labelled `choice`) from `before` to `after`. */
  step(step: number, choice: string, action: Action, before: GlobalState, after: GlobalState): void {
    this.push({ type: 'choice', t: step, step, choice } as UnnumberedEvent);
    const remaining = occurrences(before.bag);
    const moved = action.kind === 'deliver' || action.kind === 'drop' || action.kind === 'duplicate' ? (before.bag[action.index] as InFlight) : null;
    if (moved !== null) {
      switch (action.kind) {
        case 'deliver':
          take(remaining, moved);
          this.frame('recv', step, moved, this.takeName(moved));
          break;
        case 'drop':
          take(remaining, moved);
          this.frame('drop', step, moved, this.takeName(moved), 'loss');
          break;
        case 'duplicate': {
          const copy = this.nextNet++;
          const d = this.describe(moved);
          this.push({ type: 'dup', t: step, node: moved.from, to: moved.to, kind: d.kind, key: d.key, net: this.names.get(moved)?.[0] ?? -1, copy } as UnnumberedEvent);
          this.names.get(moved)?.push(copy);
          // The copy is in `after`'s bag already named: count it as there before.
          remaining.set(moved, (remaining.get(moved) ?? 0) + 1);
          break;
        }
        default:
          break;
      }
    }
    if (action.kind === 'timer') {
      const pid = after.procs[action.owner]?.pid ?? `p${action.owner + 1}`;
      this.push({ type: 'timer', t: step, node: pid, timer: action.tag } as UnnumberedEvent);
    }
    for (const event of after.trail.events) {
      // The explorer's bare drop note is told above, with the message's name and reason.
      if (event.type === 'drop') continue;
      this.push(event);
    }
    // What is left of `before` and is gone from `after` was lost with a process or a cut.
    const present = occurrences(after.bag);
    const reason: DropReason = action.kind === 'crash' ? 'crashed' : action.kind === 'partition' ? 'cut' : 'exited';
    for (const m of before.bag) {
      const was = remaining.get(m) ?? 0;
      const now = present.get(m) ?? 0;
      if (was > now) {
        take(remaining, m);
        this.frame('drop', step, m, this.takeName(m), reason);
      }
    }
    this.sends(remaining, after.bag, step);
  }

  /** The `end` line after the last step. */
  end(step: number, quiescent: boolean): void {
    this.push({ type: 'end', t: step, quiescent } as UnnumberedEvent);
  }

  /** Every message of `bag` beyond those `known` counts is new: a send. */
  private sends(known: Map<InFlight, number>, bag: readonly InFlight[], step: number): void {
    const seen = new Map<InFlight, number>();
    for (const m of bag) {
      const count = (seen.get(m) ?? 0) + 1;
      seen.set(m, count);
      if (count <= (known.get(m) ?? 0)) continue;
      const net = this.nextNet++;
      const names = this.names.get(m);
      if (names === undefined) this.names.set(m, [net]);
      else names.push(net);
      const d = this.describe(m);
      this.push({ type: 'send', t: step, node: m.from, to: m.to, kind: d.kind, key: d.key, net } as UnnumberedEvent);
    }
  }

  private frame(type: 'recv' | 'drop', step: number, m: InFlight, net: number, reason?: DropReason): void {
    const d = this.describe(m);
    if (type === 'recv') this.push({ type, t: step, node: m.to, from: m.from, kind: d.kind, key: d.key, net } as UnnumberedEvent);
    else this.push({ type, t: step, node: m.to, from: m.from, kind: d.kind, key: d.key, net, reason } as UnnumberedEvent);
  }

  private takeName(m: InFlight): number {
    const names = this.names.get(m);
    const net = names?.shift();
    if (names !== undefined && names.length === 0) this.names.delete(m);
    return net ?? -1;
  }

  private describe(m: InFlight): MessageDescription {
    const describeMessage = this.protocol.describeMessage;
    return describeMessage === undefined ? UNDESCRIBED : describeMessage.call(this.protocol, m.body);
  }

  private push(event: TraceEvent | UnnumberedEvent): void {
    const { i: _i, ...rest } = event as TraceEvent;
    this.events.push(numberEvent(rest as UnnumberedEvent, this.events.length));
  }
}

function occurrences(bag: readonly InFlight[]): Map<InFlight, number> {
  const counts = new Map<InFlight, number>();
  for (const m of bag) counts.set(m, (counts.get(m) ?? 0) + 1);
  return counts;
}

function take(counts: Map<InFlight, number>, m: InFlight): void {
  counts.set(m, (counts.get(m) ?? 0) - 1);
}
