// The strike catalogue: the kinds of strike (scenarios/strikes.ts draws
// them), the protocol moments a role is cut off at and the cuts, every
// kind's variants with their weights, the default weight of each kind, and
// what a variant is: quiet or not, which note it fires at, which situation
// it stages (the hunt's tour tries each situation once).
import type { HostOrRole } from './types.ts';
import { STALE_REPLY_SAME_SIZE } from './strike-stale-view.ts';

export const STRIKES = [
  'cutAtNote', 'competingCoordinators', 'slowLinkUnderLoad', 'noMajoritySplit', 'leaveUnderSuspicion', 'longIsolation', 'joinAtLastWrites',
  'lagAcrossViewChange', 'leavesMeetCrash',
] as const;
export type StrikeKind = (typeof STRIKES)[number];

/**
 * Kinds a generator draws after everything else a seed draws (generator.ts
 * `drawLateStrikes`), each on its own coin: added in session 7, so every
 * seed keeps the strikes, membership pairs and faults it drew before and
 * only some gain one (the pinned seeds and the measured seed counts of the
 * others stay put). The hunt's strike mutation draws them like the rest.
 * Session 8 added two more the same way (a lagging link across a view
 * change, leaves meeting a crash at the majority boundary).
 */
export const LATE_STRIKES: readonly StrikeKind[] = ['joinAtLastWrites', 'lagAcrossViewChange', 'leavesMeetCrash'];

/** A uniform [0, 1) source. */
export interface UnitRandom {
  float(): number;
}

/** Protocol moments a role is cut off at, and how many steps after the note the fault lands. */
export interface Moment {
  note: string;
  node: HostOrRole | 'any';
  target: 'coordinator' | 'sequencer' | 'provider';
  /**
   * When a link cut lands, and when an isolation does (it also loses what is on the wire, so it lands
   * later to hit the same step), in steps: one delay of the steady links a view-change moment puts
   * around the coordinator, or one mean flight of the network for the sequencer.
   */
  cutWindow: readonly [number, number];
  isolateWindow: readonly [number, number];
  /** Occurrences of the note to aim at, counted from the strike's time (0: the last flush reply of a whole group, its own included, or the one before). */
  maxOccurrence: number;
  /** What brings the note about: a join (a view change, on steady links around the coordinator) or a total-order load. */
  needs: 'join' | 'totalLoad';
}

export const MOMENTS = {
  // The last member's flush reply (the coordinator waits for every member it does not suspect): one step
  // later it sends its accept requests, three steps later it commits, four its installs arrive. A link cut
  // between its accept requests and its commit, or an isolation between its commit and its installs' arrival.
  'coordinator-after-flush-ok': { note: 'flush-ok', node: 'any', target: 'coordinator', cutWindow: [1.1, 2.9], isolateWindow: [3.1, 3.9], maxOccurrence: 0, needs: 'join' },
  // The same, counted from the coordinator's start: flush requests arrive a step later.
  'coordinator-after-begin': { note: 'view-change-begin', node: 'coordinator', target: 'coordinator', cutWindow: [0, 3.9], isolateWindow: [4.1, 4.9], maxOccurrence: 1, needs: 'join' },
  // The provider mid-transfer: the state goes out with the install.
  'provider-mid-transfer': { note: 'flush-begin', node: 'provider', target: 'provider', cutWindow: [0, 4], isolateWindow: [0, 5], maxOccurrence: 2, needs: 'join' },
  // The sequencer just after it ordered, before the order reaches anyone.
  'sequencer-after-order': { note: 'sequencer-order', node: 'sequencer', target: 'sequencer', cutWindow: [0, 0.1], isolateWindow: [0, 0.1], maxOccurrence: 30, needs: 'totalLoad' },
} as const satisfies Record<string, Moment>;
export type MomentName = keyof typeof MOMENTS;
/**
 * How often each moment is drawn. The sequencer just after ordering and the
 * coordinator after the last flush reply weigh most: random faults land
 * there almost never, and an isolation, a mute or a dead link there breaks
 * the total order's stability, phase 2's takeover, the orders acked after a
 * flush reply (measured in session 4: 6 of 8, 2 of 10, 2 of 6 seeds).
 */
const MOMENT_WEIGHTS: Readonly<Record<MomentName, number>> = {
  'coordinator-after-flush-ok': 4, 'coordinator-after-begin': 1, 'provider-mid-transfer': 1, 'sequencer-after-order': 5,
};

/** How the target is cut off, with weights: isolated (messages on the wire lost too), muted (nothing it sends from now on gets out), its successor deaf to it, or crashed. */
export const CUT_WEIGHTS = { isolate: 3, mute: 3, deadLink: 3, crash: 1 } as const;
/**
 * The cuts: those a generator draws, and `revoked`, the hunt's only (see
 * HUNT_ONLY_VARIANTS): the role unheard by its successor and one more
 * member, its successor's link back as that successor begins its view
 * change (it hears the role within its flush and revokes the suspicion, so
 * the role keeps its rank in the next view), the member's only after that
 * view is installed (what the role sent it in the old view arrives late).
 */
export type Cut = keyof typeof CUT_WEIGHTS | 'revoked';

/** One variant of a strike kind, with its weight in a draw of that kind. */
export interface StrikeVariant {
  name: string;
  /** Its weight in a generator's draw (0: the hunt's only, below). */
  weight: number;
  /** Its weight in the hunt's steering (sim/hunt/strike-coverage.ts), when not `weight`. */
  huntWeight?: number;
}

/**
 * Variants the hunt stages and a generator never draws (weight 0, listed
 * last in their kind, so every generator seed draws what it drew and the
 * default suite's traces stay put). Session 10 added them for two classes
 * of race no variant staged (the mutants flush-reply-any-ballot and
 * orders-any-view were found on one hunt seed in four):
 * - `competingCoordinators/stale-replies`: two coordinators at once, the
 *   members' replies back to the younger one slower than its view-change
 *   timeout, so it retries with a new ballot and then hears the replies to
 *   its earlier one, after the members promised and accepted the older
 *   one's (a phase-1 reply of an earlier ballot).
 * - `cutAtNote/sequencer-after-order/revoked`: the sequencer unheard by its
 *   successor and one member, the suspicion revoked within the successor's
 *   flush so the sequencer keeps rank 0, the member's link healed after the
 *   install (messages of the old view from the same rank 0 arrive late).
 */
const HUNT_ONLY_VARIANTS: Readonly<Partial<Record<StrikeKind, readonly StrikeVariant[]>>> = {
  cutAtNote: [{ name: 'sequencer-after-order/revoked', weight: 0, huntWeight: MOMENT_WEIGHTS['sequencer-after-order'] * CUT_WEIGHTS.deadLink }],
  competingCoordinators: [{ name: 'stale-replies', weight: 0, huntWeight: 2 }],
  lagAcrossViewChange: [{ name: STALE_REPLY_SAME_SIZE, weight: 0, huntWeight: 1 }],
};

/** Every kind's variants: a cut at a note is a moment and a cut (`sequencer-after-order/mute`). */
export const STRIKE_VARIANTS: Readonly<Record<StrikeKind, readonly StrikeVariant[]>> = {
  cutAtNote: [
    ...(Object.keys(MOMENTS) as MomentName[]).flatMap((m) =>
      (Object.keys(CUT_WEIGHTS) as (keyof typeof CUT_WEIGHTS)[]).map((c) => ({ name: `${m}/${c}`, weight: MOMENT_WEIGHTS[m] * CUT_WEIGHTS[c] }))),
    ...(HUNT_ONLY_VARIANTS.cutAtNote ?? []),
  ],
  competingCoordinators: [{ name: 'even', weight: 1 }, { name: 'one-lags', weight: 1 }, { name: 'staggered', weight: 4 }, ...(HUNT_ONLY_VARIANTS.competingCoordinators ?? [])],
  slowLinkUnderLoad: [{ name: 'member', weight: 1 }],
  noMajoritySplit: [{ name: 'halves', weight: 1 }],
  leaveUnderSuspicion: [{ name: 'clean-leavers', weight: 1 }, { name: 'lossy-leavers', weight: 1 }, { name: 'leavers-cut-at-suspicion', weight: 4 }],
  longIsolation: [{ name: 'member', weight: 2 }, { name: 'coordinator', weight: 1 }],
  joinAtLastWrites: [{ name: 'one-joiner', weight: 1 }],
  lagAcrossViewChange: [{ name: 'sender-crashes', weight: 1 }, ...(HUNT_ONLY_VARIANTS.lagAcrossViewChange ?? [])],
  leavesMeetCrash: [{ name: 'crash-at-boundary', weight: 1 }, { name: 'even-split', weight: 1 }],
};

/**
 * The kinds' default weights in a generator's draw: a cut at a note holds
 * the most variants that random faults never produce; competing
 * coordinators and leaves under suspicion each break a mutant nothing else
 * reaches. A file's `strikes` replaces them.
 */
export const DEFAULT_STRIKE_WEIGHTS: Readonly<Record<StrikeKind, number>> = {
  cutAtNote: 5, competingCoordinators: 3, slowLinkUnderLoad: 1, noMajoritySplit: 1, leaveUnderSuspicion: 3, longIsolation: 1.5, joinAtLastWrites: 3,
  lagAcrossViewChange: 2, leavesMeetCrash: 2,
};

/** The note a cut-at-note variant fires at (undefined for other kinds). */
export function noteOfVariant(kind: StrikeKind, variant: string): string | undefined {
  if (kind !== 'cutAtNote') return undefined;
  const moment = variant.split('/')[0] ?? '';
  return moment in MOMENTS ? MOMENTS[moment as MomentName].note : undefined;
}

/**
 * Whether a variant's race is timed in steps of steady links (its strike is
 * `quiet`): the coordinator's moments of a cut at a note, a suspicion
 * revoked within a flush, staggered competing coordinators or their stale
 * replies, leavers cut at the suspicion.
 */
export function isQuietVariant(kind: StrikeKind, variant: string): boolean {
  switch (kind) {
    case 'cutAtNote': {
      const [moment = '', cut = ''] = variant.split('/');
      return moment in MOMENTS && (MOMENTS[moment as MomentName].target === 'coordinator' || cut === 'revoked');
    }
    case 'competingCoordinators':
      return variant === 'staggered' || variant === 'stale-replies';
    case 'leaveUnderSuspicion':
      return variant === 'leavers-cut-at-suspicion';
    case 'lagAcrossViewChange':
      return variant === STALE_REPLY_SAME_SIZE;
    case 'slowLinkUnderLoad':
    case 'noMajoritySplit':
    case 'longIsolation':
    case 'joinAtLastWrites':
    case 'leavesMeetCrash':
      return false;
  }
}

/** What a variant does to the workload's rate: raises it (its moment needs load), caps it low (a long fault phase), or leaves it. */
export type StrikeLoad = 'raised' | 'low' | 'as-is';

/** The load a variant's strike sets (strikes.ts `rateFactor`, `maxRate`): two strikes staged together must not clash on it. */
export function loadOfVariant(kind: StrikeKind, variant: string): StrikeLoad {
  switch (kind) {
    case 'cutAtNote':
      return noteOfVariant(kind, variant) === 'sequencer-order' || !isQuietVariant(kind, variant) ? 'raised' : 'as-is';
    case 'slowLinkUnderLoad':
      return 'raised';
    case 'longIsolation':
      return 'low';
    case 'competingCoordinators':
    case 'noMajoritySplit':
    case 'leaveUnderSuspicion':
    case 'joinAtLastWrites':
    case 'lagAcrossViewChange':
    case 'leavesMeetCrash':
      return 'as-is';
  }
}

/** The role a cut-at-note variant cuts off (undefined for other kinds). */
export function roleOfVariant(kind: StrikeKind, variant: string): Moment['target'] | undefined {
  if (kind !== 'cutAtNote') return undefined;
  const moment = variant.split('/')[0] ?? '';
  return moment in MOMENTS ? MOMENTS[moment as MomentName].target : undefined;
}

/**
 * The situation a variant puts the group in: its kind, and for a cut at a
 * note the role cut off (`cutAtNote/coordinator`, `/sequencer`,
 * `/provider`), where a role with a successor (the coordinator, the
 * sequencer) unheard by it alone (a dead link: the role goes on while its
 * successor takes over) is a situation of its own (`/sequencer/unheard`),
 * unlike an isolation, a mute or a crash, which stop it. A variant the
 * hunt alone stages (HUNT_ONLY_VARIANTS) is a situation of its own: its
 * kind's generator weights would rarely pick it. The hunt tries each
 * situation once before it tries a second variant of any
 * (sim/hunt/strike-coverage.ts).
 */
export function situationOf(kind: StrikeKind, variant: string): string {
  if (isHuntOnlyVariant(kind, variant) && kind !== 'cutAtNote') return `${kind}/${variant}`;
  if (kind !== 'cutAtNote') return kind;
  const [moment = '', cut = ''] = variant.split('/');
  if (!(moment in MOMENTS)) return kind;
  const target = MOMENTS[moment as MomentName].target;
  if (cut === 'revoked') return `${kind}/${target}/revoked`;
  return cut === 'deadLink' && target !== 'provider' ? `${kind}/${target}/unheard` : `${kind}/${target}`;
}

/** Whether the variant is one the hunt stages and a generator never draws (HUNT_ONLY_VARIANTS): each is a situation of its own. */
export function isHuntOnlyVariant(kind: StrikeKind, variant: string): boolean {
  return (HUNT_ONLY_VARIANTS[kind] ?? []).some((v) => v.name === variant);
}

/** A variant of `kind` drawn by weight. */
export function drawVariant(kind: StrikeKind, random: UnitRandom): string {
  const variants = STRIKE_VARIANTS[kind];
  let pick = random.float() * variants.reduce((n, v) => n + v.weight, 0);
  // The fallback (rounding) is the last variant a generator draws, not a hunt-only one after it.
  const drawable = variants.filter((v) => v.weight > 0);
  return (variants.find((v) => (pick -= v.weight) < 0) ?? drawable[drawable.length - 1]!).name;
}
