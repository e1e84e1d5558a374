// The parts a fault kind carries (one file per kind in this folder; the
// table in index.ts). A part a kind does not have is `null`, said so in its
// file: every kind must fill every field, so adding a kind, or a scheduled
// fault type, a random generator kind or an explorer budget without its
// parts fails to compile (index.ts types each table as a mapped type).
import type fc from 'fast-check';
import type { FieldProblems } from '../../scenarios/fields.ts';
import type { MembershipEventKind } from '../../scenarios/membership-plan.ts';
import type { HostName, HostOrRole, LinkSpec, RandomFaultSpec, ScheduledFault, ScheduledFaultType } from '../../scenarios/types.ts';
import type { Rng } from '../rng.ts';

/** The fault vocabulary: every way the world can go wrong (or change membership) that a scenario or the explorer can ask for. */
export const FAULT_IDS = [
  'crash',
  'restart',
  'partition',
  'isolate',
  'heal',
  'link',
  'link-reset',
  'loss',
  'suspicion',
  'duplication',
  'leave',
  'join',
] as const;
export type FaultId = (typeof FAULT_IDS)[number];

/** A schedule entry of type `T`. */
export type ScheduledOf<T extends ScheduledFaultType> = Extract<ScheduledFault, { type: T }>;

/** A key of `faults.random.kinds`. */
export type RandomKey = keyof RandomFaultSpec['kinds'];

/** A key of the explorer's `explore.budgets` (sim/explore/config.ts). */
export type BudgetKey = 'crash' | 'restart' | 'partition' | 'drop' | 'suspicion' | 'duplicate' | 'leave' | 'join';

/** An explorer action kind a fault makes (sim/explore/actions.ts, Action). */
export type ExploreActionKind = 'crash' | 'restart' | 'partition' | 'heal' | 'drop' | 'suspect' | 'duplicate' | 'leave' | 'join';

/** What the timed fault driver does for a schedule entry (sim/faults/driver.ts implements it). */
export interface FaultTarget {
  /** The host a target names now (a role resolves to its live holder; undefined: nobody). */
  resolve(target: HostOrRole): HostName | undefined;
  crashHost(host: HostName): void;
  restartHost(host: HostName): void;
  partition(groups: HostName[][]): void;
  isolate(host: HostName): void;
  heal(): void;
  setLink(from: HostName, to: HostName, link: LinkSpec & { bidirectional?: boolean }): void;
  resetLinks(): void;
}

/** Where the arbitrary of a schedule entry draws its hosts and its firing (fault-schedule.ts builds it). */
export interface ScheduledArbitraryContext {
  hosts: readonly HostName[];
  /** A host, or (unless roles are off) sometimes a role. */
  target: fc.Arbitrary<HostOrRole>;
  /** When it fires: `{atUs}` or `{at: note trigger}`. */
  when: fc.Arbitrary<{ atUs: number } | { at: NonNullable<ScheduledFault['at']> }>;
}

/** What counting a fault against the majority budget needs (scenarioArb's keepMajority). */
export interface MinorityContext {
  processes: number;
  /** A host, or, for a role, a slot of its own (a role may be held by another host each time). */
  slot(target: HostOrRole): string;
}

/** A `faults.schedule` entry type: its validation, arbitrary, timed application and majority accounting. */
export interface ScheduledPart<T extends ScheduledFaultType> {
  type: T;
  /** The fields this type adds to a schedule entry (besides `type`, `atUs`, `onNote`, `at`), in the order messages list them. */
  fields: readonly string[];
  /** Reads those fields; problems go to `f`, with the same messages as every other field. */
  read(f: FieldProblems, raw: Record<string, unknown>, path: string): Omit<ScheduledOf<T>, 'type' | 'atUs' | 'onNote' | 'at'>;
  arbitrary(c: ScheduledArbitraryContext): fc.Arbitrary<ScheduledOf<T>>;
  /** A drawn entry the arbitrary keeps (a link from a host to itself is no fault). */
  keepDrawn(fault: ScheduledOf<T>): boolean;
  /** The arbitrary keeps these to a minority of distinct hosts (crash and restart). */
  countsAsCrash: boolean;
  apply(fault: ScheduledOf<T>, target: FaultTarget): void;
  /** Whether it takes a host out of the group: the random generator leaves room for it before it fires. */
  takesHostOut(fault: ScheduledOf<T>): boolean;
  /** The hosts (or role slots) it may cost a primary partition, for keepMajority; null: it costs none. */
  hostsOut(fault: ScheduledOf<T>, c: MinorityContext): string[] | null;
}

/** The state of the world when the random generator draws a fault (sim/faults/driver.ts). */
export interface RandomDrawContext {
  rng: Rng;
  spec: RandomFaultSpec;
  /** Every host so far, in start order. */
  hosts: readonly HostName[];
  /** Hosts the group can count on now. */
  up: readonly HostName[];
  /** Hosts whose process is not live (a restart brings them back). */
  restartable: readonly HostName[];
  /** Hosts this fault may still take out (after the scheduled ones to come). */
  room: number;
  /** The same for a new partition, which replaces the old one's cut-off hosts. */
  partitionRoom: number;
  partitioned: boolean;
  /** Hosts down, not counting a partition (a new partition replaces the old one). */
  downIgnoringCuts(): Set<HostName>;
}

/** A kind of the random fault generator (`faults.random.kinds`, the generator files' weights). */
export interface RandomPart<K extends RandomKey> {
  key: K;
  /** Its weight in a `uniform` generator file. */
  uniformWeight: number;
  /** A `swarm` generator switches it on (weight 1 to 3) or off per seed; false keeps `uniformWeight`. */
  swarm: boolean;
  /** Whether it can happen now (it gets weight 0 otherwise, so a draw never wastes a fault). */
  possible(c: RandomDrawContext): boolean;
  /** The fault drawn (as a schedule entry, what shrinking turns random faults into). */
  draw(c: RandomDrawContext): ScheduledFault;
}

/** How the explorer's choices of a kind are enumerated (sim/explore/actions.ts). */
export type ChoiceShape =
  /** One per live process. */
  | 'each-live-process'
  /** One per crashed process whose host's next incarnation has not started, when a process is live. */
  | 'each-crashed-host'
  /** One per in-flight message. */
  | 'each-message'
  /** The next joiner, when a process is live. */
  | 'next-joiner'
  /** One per two-group split of the initial hosts, when the network is whole. */
  | 'each-split'
  /** One, when the network is cut. */
  | 'when-cut'
  /** One per (live p, live q not yet suspected by p): a false suspicion (unreliable detector only). */
  | 'each-false-suspicion';

/** A budget of `explore.budgets`. */
export interface BudgetPart<B extends BudgetKey> {
  key: B;
  /** The separate field of earlier scenarios and counterexample headers (`crashes`), still read; `--crashes` likewise. */
  legacyField: string | null;
  /** Other names the key answers to in `budgets` and `--budget` (`loss` for `drop`). */
  synonyms: readonly string[];
}

/** The explorer's side of a kind: the action it makes, how its choices are enumerated, its budget. */
export interface ExplorePart<B extends BudgetKey | null> {
  action: ExploreActionKind;
  choices: ChoiceShape;
  /** With `explore.keepMajority`, only the choices after which the newest view keeps a live majority. */
  keepsMajority: boolean;
  budget: B extends BudgetKey ? BudgetPart<B> : null;
}

/** Trace event types a kind writes: in timed runs (`app` detail, or `net`/`full` for network events) and in explored paths. */
export interface TraceEventsPart {
  timed: readonly string[];
  explored: readonly string[];
}

export interface FaultKind<
  T extends ScheduledFaultType | null = ScheduledFaultType | null,
  K extends RandomKey | null = RandomKey | null,
  E extends ExplorePart<BudgetKey | null> | null = ExplorePart<BudgetKey | null> | null,
> {
  id: FaultId;
  /** One line for docs and `--help`. */
  summary: string;
  /** Where a scenario file asks for it. */
  scenarioField: string;
  scheduled: T extends ScheduledFaultType ? ScheduledPart<T> : null;
  random: K extends RandomKey ? RandomPart<K> : null;
  /** null: the explorer has no such choice (there is no clock, so nothing is slow). */
  explore: E;
  /** The membership event of the generators (scenarios/membership-plan.ts) that makes it, if any. */
  membershipEvent: MembershipEventKind | null;
  traceEvents: TraceEventsPart;
}
