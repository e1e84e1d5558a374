// A scheduler that takes recorded choices one by one: no clock, no queue,
// no random streams. It keeps what the system tells it (every send, by its
// number; each process's pending timer tags) and refuses a choice that is
// not enabled (a timer that is not pending, a send that never happened), so
// feeding it the timed simulator's recorded choices checks that the timed
// scheduler only ever chose, and never interpreted (test/sim/system/
// conformance.spec.ts).
import type { AnyProtocol } from '../../protocol/types.ts';
import type { HostName } from '../../scenarios/types.ts';
import type { ProcessId, TraceDetail, UnnumberedEvent } from '../../traces/schema.ts';
import { choiceLabel, type Choice } from './choice.ts';
import { System, type SystemProcess, type SystemScheduler } from './system.ts';

interface ReplayProcess extends SystemProcess {
  readonly pendingTimers: Set<string>;
}

interface Sent {
  from: ReplayProcess;
  to: ProcessId;
  net: number;
  target: ReplayProcess | undefined;
  msg: unknown;
}

export class ChoiceReplay implements SystemScheduler<ReplayProcess> {
  readonly system: System<ReplayProcess>;
  private readonly sent: Sent[] = [];

  /** `maxSends` bounds the table of sends kept (every send may be delivered later). */
  constructor(protocol: AnyProtocol, record: (event: UnnumberedEvent) => void, private readonly maxSends = 10_000_000, detail: TraceDetail = 'app') {
    this.system = new System<ReplayProcess>({ protocol, record, traceEventIndex: () => -1, detail }, this);
  }

  /** Takes one recorded choice; throws if it is not enabled in the current state. */
  take(choice: Choice): void {
    if (choice.kind === 'timer') {
      const process = this.system.processes.get(choice.process);
      if (process === undefined || !process.pendingTimers.delete(choice.tag)) {
        throw new Error(`not enabled: ${choiceLabel(choice)} (no such pending timer)`);
      }
    }
    if (choice.kind === 'deliver' && this.sent[choice.message] === undefined) {
      throw new Error(`not enabled: ${choiceLabel(choice)} (no such send)`);
    }
    this.system.step(choice);
  }

  createProcess(pid: ProcessId, host: HostName): ReplayProcess {
    return { pid, host, ctx: { self: pid }, state: undefined, status: 'live', pendingTimers: new Set() };
  }

  transmit(from: ReplayProcess, to: ProcessId, target: ReplayProcess | undefined, msg: unknown, message: number, net: number): void {
    if (message >= this.maxSends) throw new Error(`choice replay: more than ${this.maxSends} sends`);
    this.sent[message] = { from, to, net, target, msg };
  }

  setTimer(process: ReplayProcess, tag: string): void {
    process.pendingTimers.add(tag);
  }

  cancelTimer(process: ReplayProcess, tag: string): void {
    process.pendingTimers.delete(tag);
  }

  stopped(process: ReplayProcess): void {
    process.pendingTimers.clear();
  }

  sentMessage(message: number): Sent | undefined {
    return this.sent[message];
  }
}
