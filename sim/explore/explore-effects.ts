// The explorer's side of sim/system's effect interpreter: the successor
// state a step is building (Scratch), the reusable effect target that turns a
// handler's effects into that successor's messages, timer tags and trace
// events, and the site that names a throwing handler's step.
import type { Observation } from '../../protocol/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { numberedObservationEvent, type EffectTarget } from '../system/effects.ts';
import type { HandlerSite } from '../system/handlers.ts';
import { emptyMemo, type CausalMemo } from './causal-memo.ts';
import type { Lanes } from './hash.ts';
import type { History } from './history.ts';
import { EXITED, LIVE, NO_BUDGET_USED, type Budgets, type InFlight, type ProcSlot, type ProcStatus } from './state.ts';

/** The successor being built by one step. */
export interface Scratch {
  procs: ProcSlot[];
  bag: InFlight[];
  bagHash: Lanes;
  partition: readonly (readonly string[])[] | null;
  used: Budgets;
  /** The step's trace events, numbered as they are made (`i` of the first is the parent's event count). */
  events: TraceEvent[];
  nextI: number;
  t: number;
  /** Processes that exist so far (the initial state starts them one by one). */
  started: number;
  /** Copy-on-write: the parent's bag is shared until this step changes it. */
  ownsBag: boolean;
  /** The step delivered two or more messages in a row at one process, in an order that may matter (causal-memo.ts). */
  orderedRun: boolean;
  memo: CausalMemo;
  /** `memo` is this step's own copy. */
  ownsMemo: boolean;
}

/** A scratch with nothing in it yet: the initial state's (owning its bag) or the reused one of `step`. */
export function emptyScratch(bagHash: Lanes, ownsBag: boolean, memoSlots: number): Scratch {
  return {
    procs: [],
    bag: [],
    bagHash,
    partition: null,
    used: NO_BUDGET_USED,
    events: [],
    nextI: 0,
    t: 0,
    started: 0,
    ownsBag,
    orderedRun: false,
    memo: emptyMemo(memoSlots),
    ownsMemo: false,
  };
}

/** What the effect target needs of the model that owns the step. */
export interface StepBuilder {
  sendFrom(b: Scratch, from: string, to: string, body: unknown): void;
  noteObservation(e: ExploreEffects, o: Observation): void;
}

/** The explorer's side of the effect interpreter: one reusable object, reset per handler call. */
export class ExploreEffects implements EffectTarget<ExploreEffects> {
  b: Scratch | null = null;
  i = 0;
  pid = '';
  status: ProcStatus = LIVE;
  timers: readonly string[] = [];
  history!: History;
  /** Deliveries in a row at this process in this step, and whether their order may matter. */
  run = 0;
  runInDoubt = false;
  sent = 0;

  constructor(private readonly model: StepBuilder) {}

  endRun(): void {
    if (this.run >= 2 && this.runInDoubt) (this.b as Scratch).orderedRun = true;
    this.run = 0;
    this.runInDoubt = false;
  }

  isLive(): boolean {
    return this.status === LIVE;
  }

  send(_: ExploreEffects, to: string, msg: unknown): void {
    this.sent++;
    this.model.sendFrom(this.b as Scratch, this.pid, to, msg);
  }

  setTimer(_: ExploreEffects, tag: string): void {
    // Untimed: a pending timer is a tag that may fire at any later step.
    this.sent++;
    if (!this.timers.includes(tag)) this.timers = [...this.timers, tag].sort();
  }

  cancelTimer(_: ExploreEffects, tag: string): void {
    if (this.timers.includes(tag)) this.timers = this.timers.filter((t) => t !== tag);
  }

  observe(_: ExploreEffects, o: Observation): void {
    this.model.noteObservation(this, o);
    const b = this.b as Scratch;
    b.events.push(numberedObservationEvent(this.pid, b.nextI++, b.t, o));
    if (o.type === 'exit') {
      this.status = EXITED;
      this.timers = [];
    }
  }
}

/** Where the explorer's handlers run (named when one throws): the step's next event index and the step number. */
export class ExploreSite implements HandlerSite {
  scratch: Scratch | null = null;
  readonly timeUnit = 'step';
  traceEventIndex(): number {
    return this.scratch?.nextI ?? 0;
  }
  time(): number {
    return this.scratch?.t ?? 0;
  }
}
