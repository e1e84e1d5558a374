// Violations and the sink every checker reports into. The sink keeps at most
// `maxViolations` of them (plus the first of each property, so a report never
// calls a property "held" because its violations were cut), counts the rest,
// and builds a message only for the ones it keeps: a badly broken trace can
// violate a property on every event, and formatting millions of sentences
// nobody reads would dominate the checking time.
import type { PropertyId } from './properties.ts';

export interface Violation {
  property: PropertyId;
  /** One sentence, naming the processes and messages involved. */
  message: string;
  /** The `i` of the events that show the violation, ascending. */
  events: number[];
  /**
   * The fault it follows from, when one fault explains several violations
   * ("p3 never received p4:1"): the readable report groups by it. Not part of
   * the `--json` output.
   */
  cause?: string;
}

/** A message a process lacked, by index: what a violation's cause is made from. */
export interface CauseKey {
  proc: number;
  msg: number;
}

/** Distinct causes counted; past this, further causes are not grouped. */
const MAX_CAUSES = 65_536;

export const DEFAULT_MAX_VIOLATIONS = 1000;

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

export class ViolationSink {
  private readonly kept: Violation[] = [];
  private readonly counts = new Map<PropertyId, number>();
  private readonly keptCounts = new Map<PropertyId, number>();
  private total = 0;
  private revealed: Violation[] | null = null;
  /** Violations per cause key, listed or not. */
  private readonly causeCounts = new Map<string, number>();
  /** The cause keys of kept violations, to name them once the trace is over. */
  readonly keptCauses = new Map<Violation, CauseKey>();

  constructor(
    private readonly maxViolations: number,
    /** The properties judged; reports of any other are ignored (null: all). */
    private readonly promised: ReadonlySet<PropertyId> | null = null,
  ) {}

  isPromised(property: PropertyId): boolean {
    return this.promised === null || this.promised.has(property);
  }

  /**
   * Records a violation. `describe` runs only if the violation is kept.
   * Event indices below 0 (an event that does not exist) are dropped.
   */
  report(property: PropertyId, events: readonly number[], describe: () => string, cause?: CauseKey): Violation | null {
    if (this.promised !== null && !this.promised.has(property)) return null;
    this.total += 1;
    let causeKey: string | undefined;
    if (cause !== undefined) {
      causeKey = `${cause.proc}:${cause.msg}`;
      const known = this.causeCounts.get(causeKey);
      if (known !== undefined) this.causeCounts.set(causeKey, known + 1);
      else if (this.causeCounts.size < MAX_CAUSES) this.causeCounts.set(causeKey, 1);
    }
    this.counts.set(property, (this.counts.get(property) ?? 0) + 1);
    const keptOfProperty = this.keptCounts.get(property) ?? 0;
    if (this.kept.length >= this.maxViolations && keptOfProperty > 0) return null;
    const violation: Violation = { property, message: describe(), events: normalizeEvents(events) };
    this.kept.push(violation);
    if (cause !== undefined) this.keptCauses.set(violation, cause);
    this.keptCounts.set(property, keptOfProperty + 1);
    (this.revealed ??= []).push(violation);
    return violation;
  }

  /**
   * Takes back a violation reported earlier. Only primary-majority needs it:
   * a view id first installed out of order splits a pair it already judged.
   */
  withdraw(violation: Violation): void {
    const at = this.kept.indexOf(violation);
    if (at < 0) return;
    this.kept.splice(at, 1);
    this.keptCauses.delete(violation);
    this.total -= 1;
    this.counts.set(violation.property, (this.counts.get(violation.property) ?? 1) - 1);
    this.keptCounts.set(violation.property, (this.keptCounts.get(violation.property) ?? 1) - 1);
    if (this.revealed) {
      const revealedAt = this.revealed.indexOf(violation);
      if (revealedAt >= 0) this.revealed.splice(revealedAt, 1);
    }
  }

  /**
   * Takes back every violation of `property`, listed or not (a property
   * judged again from scratch at the end: total-order after repeats).
   */
  withdrawAll(property: PropertyId): void {
    for (const violation of this.kept.filter((v) => v.property === property)) this.withdraw(violation);
    this.total -= this.counts.get(property) ?? 0;
    this.counts.set(property, 0);
    this.keptCounts.set(property, 0);
  }

  /** How many violations (listed or not) were reported with this cause. */
  countOfCause(cause: CauseKey): number {
    return this.causeCounts.get(`${cause.proc}:${cause.msg}`) ?? 0;
  }

  /** The violations reported since the last call (a shared empty array when none). */
  takeRevealed(): Violation[] {
    const revealed = this.revealed;
    this.revealed = null;
    return revealed ?? (NO_VIOLATIONS as Violation[]);
  }

  get violations(): readonly Violation[] {
    return this.kept;
  }

  get totalCount(): number {
    return this.total;
  }

  countOf(property: PropertyId): number {
    return this.counts.get(property) ?? 0;
  }

  get droppedCount(): number {
    return this.total - this.kept.length;
  }
}

function normalizeEvents(events: readonly number[]): number[] {
  const kept = events.filter((i) => i >= 0);
  kept.sort((a, b) => a - b);
  return kept.filter((i, at) => at === 0 || kept[at - 1] !== i);
}
