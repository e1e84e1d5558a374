// The choices a scheduler makes, one per step of the system (system.ts).
// The timed simulator makes them from its event queue, clock and random
// streams; a recorded list of them replays a run without either (see
// choice-replay.ts). Network loss and duplication are not choices of their
// own here: a lost message is one never delivered, a duplicated one is
// delivered twice. A restart is a crash and then a start (a join) of the
// host's next incarnation; a voluntary leave is a `leave` request.
import type { AppRequest, StartInput } from '../../protocol/types.ts';
import { assertNever } from '../../protocol/types.ts';
import type { HostName } from '../../scenarios/types.ts';
import type { ProcessId } from '../../traces/schema.ts';

export type Choice =
  /** The host's next process starts (an initial member, a joiner, a restart). */
  | { kind: 'start'; t: number; host: HostName; start: StartInput }
  /** Deliver the message sent as the system's `message`-th send (0-based). */
  | { kind: 'deliver'; t: number; message: number }
  | { kind: 'timer'; t: number; process: ProcessId; tag: string }
  | { kind: 'request'; t: number; process: ProcessId; request: AppRequest }
  | { kind: 'suspect'; t: number; process: ProcessId; suspect: ProcessId }
  | { kind: 'crash'; t: number; process: ProcessId }
  | { kind: 'partition'; t: number; groups: HostName[][] }
  | { kind: 'heal'; t: number };

export type ChoiceKind = Choice['kind'];

/** A one-line name for a choice (for failure messages). */
export function choiceLabel(c: Choice): string {
  switch (c.kind) {
    case 'start':
      return `start ${c.host} (${c.start.mode}) at ${c.t}`;
    case 'deliver':
      return `deliver send #${c.message} at ${c.t}`;
    case 'timer':
      return `timer ${c.process} ${c.tag} at ${c.t}`;
    case 'request':
      return `request ${c.process} ${c.request.type} at ${c.t}`;
    case 'suspect':
      return `suspect ${c.process} ${c.suspect} at ${c.t}`;
    case 'crash':
      return `crash ${c.process} at ${c.t}`;
    case 'partition':
      return `partition ${c.groups.map((g) => g.join(',')).join('|')} at ${c.t}`;
    case 'heal':
      return `heal at ${c.t}`;
    default:
      return assertNever(c, 'choice');
  }
}
