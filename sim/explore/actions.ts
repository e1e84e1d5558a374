// What can happen next in a global state, untimed: deliver any in-flight
// message, fire any pending timer, issue a process's next workload
// multicast, report a suspicion, or inject a fault while its budget lasts.
// The order of the list is fixed (it is part of the search's determinism);
// a counterexample records each step by its label.
import { assertNever, type AppRequest } from '../../protocol/types.ts';
import type { DeliveryOrder } from '../../traces/schema.ts';
import type { ExploreConfig } from './config.ts';
import { FAULT_IDS, FAULTS, type BudgetKey, type ExploreActionKind, type ExplorePart, type FaultId } from '../faults/index.ts';
import { CRASHED, LIVE, type GlobalState, type Trail } from './state.ts';

export type Action =
  | { kind: 'request'; owner: number }
  | { kind: 'deliver'; owner: number; index: number }
  | { kind: 'timer'; owner: number; tag: string }
  /** `budgeted`: a false suspicion of a live process (unreliable detector). */
  | { kind: 'suspect'; owner: number; suspect: number; budgeted: boolean }
  | { kind: 'crash'; owner: number }
  | { kind: 'drop'; owner: number; index: number }
  /** The network delivers a copy too: a second copy of the message joins those in flight. */
  | { kind: 'duplicate'; owner: number; index: number }
  /** The application asks a live process to leave the group. */
  | { kind: 'leave'; owner: number }
  /** A new process (the next joiner `pid`, `owner` its slot index) starts and asks the live processes to let it in. */
  | { kind: 'join'; owner: number; pid: string }
  /**
   * The host of crashed process `owner` comes back: its next incarnation
   * `pid` (`p3#2` after `p3`) starts in a new slot and joins, as a joiner does.
   */
  | { kind: 'restart'; owner: number; pid: string }
  | { kind: 'partition'; groups: readonly (readonly string[])[] }
  | { kind: 'heal' };

export type ActionKind = Action['kind'];

/** Every action a fault kind names is one of the explorer's (a compile-time check of sim/faults/types.ts). */
const FAULT_ACTIONS_ARE_ACTIONS: ExploreActionKind extends ActionKind ? true : never = true;
void FAULT_ACTIONS_ARE_ACTIONS;

export interface ActionContext {
  config: ExploreConfig;
  /** Whether the protocol takes suspicions (has `onSuspect`). */
  suspicions: boolean;
  /** The two-group splits of the processes a cut may make. */
  splits: readonly (readonly (readonly string[])[])[];
  /** The initial processes (p1..pN); joiners come after them and issue no workload. */
  initialProcesses?: number;
}

export function enabledActions(s: GlobalState, ctx: ActionContext): Action[] {
  const { config } = ctx;
  const budgets = config.budgets;
  const used = s.used;
  const out: Action[] = [];
  const procs = s.procs;
  const initial = ctx.initialProcesses ?? procs.length;
  for (const p of procs) {
    if (p.status === LIVE && p.requestsMade < config.multicastsPerProcess && p.index < initial && (config.senders === undefined || config.senders.includes(p.pid))) {
      out.push({ kind: 'request', owner: p.index });
    }
  }
  for (let j = 0; j < s.bag.length; j++) out.push({ kind: 'deliver', owner: (s.bag[j] as { toIndex: number }).toIndex, index: j });
  for (const p of procs) {
    if (p.status !== LIVE) continue;
    for (const tag of p.timers) out.push({ kind: 'timer', owner: p.index, tag });
  }
  if (ctx.suspicions) {
    const falseAllowed = config.failureDetector === 'unreliable' && used.suspicion < budgets.suspicion;
    for (const p of procs) {
      if (p.status !== LIVE) continue;
      for (const q of procs) {
        if (q === p || p.suspected.includes(q.pid)) continue;
        if (q.status === CRASHED) out.push({ kind: 'suspect', owner: p.index, suspect: q.index, budgeted: false });
        else if (q.status === LIVE && falseAllowed) out.push({ kind: 'suspect', owner: p.index, suspect: q.index, budgeted: true });
      }
    }
  }
  for (const explore of FAULT_CHOICES) {
    const budget = explore.budget?.key;
    if (budget !== undefined && used[budget] >= budgets[budget]) continue;
    addFaultChoices(s, ctx, explore, out);
  }
  return out;
}

/**
 * The fault kinds (sim/faults/) the explorer offers, in the order it lists
 * their choices: part of the search's determinism (pinned state counts,
 * counterexamples). Suspicions are listed earlier, with the perfect
 * detector's reports of crashes.
 */
export const FAULT_CHOICE_ORDER: readonly FaultId[] = ['crash', 'loss', 'duplication', 'leave', 'join', 'restart', 'heal', 'partition'];

const FAULT_CHOICES: readonly ExplorePart<BudgetKey | null>[] = FAULT_CHOICE_ORDER.map((id) => {
  const explore = FAULTS[id].explore;
  if (explore === null) throw new Error(`sim/explore/actions.ts: fault kind ${id} has no explorer part`);
  return explore;
});

/** The choices of one fault kind, by its shape (its budget has room). */
function addFaultChoices(s: GlobalState, ctx: ActionContext, explore: ExplorePart<BudgetKey | null>, out: Action[]): void {
  const procs = s.procs;
  const kind = explore.action;
  switch (explore.choices) {
    case 'each-live-process': {
      const majority = explore.keepsMajority && ctx.config.keepMajority === true ? newestView(s.trail) : null;
      for (const p of procs) {
        if (p.status !== LIVE || (majority !== null && !keepsMajorityWithout(s, majority, p.pid))) continue;
        out.push({ kind, owner: p.index } as Action);
      }
      return;
    }
    case 'each-message':
      for (let j = 0; j < s.bag.length; j++) out.push({ kind, owner: (s.bag[j] as { toIndex: number }).toIndex, index: j } as Action);
      return;
    case 'next-joiner':
      if (procs.some((p) => p.status === LIVE)) {
        const joined = explore.budget === null ? 0 : s.used[explore.budget.key];
        out.push({ kind, owner: procs.length, pid: `p${(ctx.initialProcesses ?? procs.length) + joined + 1}` } as Action);
      }
      return;
    case 'each-crashed-host':
      if (!procs.some((p) => p.status === LIVE)) return;
      for (const p of procs) {
        if (p.status !== CRASHED) continue;
        const next = nextIncarnation(p.pid);
        if (!procs.some((q) => q.pid === next)) out.push({ kind, owner: p.index, pid: next } as Action);
      }
      return;
    case 'when-cut':
      if (s.partition !== null) out.push({ kind } as Action);
      return;
    case 'each-split':
      if (s.partition === null) for (const groups of ctx.splits) out.push({ kind, groups } as Action);
      return;
    case 'each-false-suspicion':
      // Enumerated with the perfect detector's reports (enabledActions), not here.
      return;
    default:
      assertNever(explore.choices, 'choice shape');
  }
}

interface ViewSeen {
  id: number;
  members: readonly string[];
}

/** The newest view installed on each trail node's path (ties: the latest), computed once per node. */
const newestViews = new WeakMap<Trail, ViewSeen | null>();

/** The newest view any process installed on the path to `trail` (as sim/roles.ts reads it in timed runs). */
function newestView(trail: Trail): ViewSeen | null {
  const uncached: Trail[] = [];
  let newest: ViewSeen | null = null;
  for (let at: Trail | null = trail; at !== null; at = at.prev) {
    const known = newestViews.get(at);
    if (known !== undefined) {
      newest = known;
      break;
    }
    uncached.push(at);
  }
  for (let k = uncached.length - 1; k >= 0; k--) {
    const node = uncached[k] as Trail;
    for (const e of node.events) {
      if (e.type !== 'view') continue;
      const view = (e as { view: ViewSeen }).view;
      if (newest === null || view.id >= newest.id) newest = view;
    }
    newestViews.set(node, newest);
  }
  return newest;
}

/** Whether the live members of `view` other than `victim` hold a majority of it (no view yet: nothing to keep). */
function keepsMajorityWithout(s: GlobalState, view: ViewSeen, victim: string): boolean {
  let live = 0;
  for (const m of view.members) {
    if (m === victim) continue;
    if (s.procs.some((p) => p.pid === m && p.status === LIVE)) live++;
  }
  return live * 2 > view.members.length;
}

/** Explorer actions a fault budget limits (from sim/faults/). */
const BUDGETED_ACTIONS: ReadonlySet<string> = new Set(
  FAULT_IDS.flatMap((id) => {
    const explore = FAULTS[id].explore;
    return explore !== null && explore.budget !== null ? [explore.action] : [];
  }),
);

/** True for the faults a budget limits (they make every other action dependent). */
export function isBudgetedFault(a: Action): boolean {
  // A suspicion is budgeted only when false (a live process suspected).
  if (a.kind === 'suspect') return a.budgeted;
  return BUDGETED_ACTIONS.has(a.kind);
}

/** A readable, replayable name for an action in state `s` (recorded in `exploreChoices`). */
export function actionLabel(s: GlobalState, a: Action): string {
  const moved = a.kind === 'deliver' || a.kind === 'drop' || a.kind === 'duplicate' ? (s.bag[a.index] as { from: string; to: string }) : null;
  // A joiner has no slot yet; the explorer's processes are p1, p2, ... by index.
  return stepLabel((index) => (s.procs[index] as { pid: string } | undefined)?.pid ?? `p${index + 1}`, a, moved);
}

/** The label of an action, given the process names and, for a delivery or drop, the message it moved. */
/** The labels of the steps that lead to a trail (ExploreModel.choicesTo): a counterexample's choices. */
export function choiceLabels(initialPids: readonly string[], trail: Trail): string[] {
  const actions: Trail[] = [];
  for (let at: Trail | null = trail; at !== null && at.prev !== null; at = at.prev) if (at.action !== null) actions.push(at);
  actions.reverse();
  // Slots after the initial ones belong to whoever a path started first (joiner or incarnation): replay the starts.
  const pids = [...initialPids];
  const pid = (index: number): string => pids[index] ?? `p${index + 1}`;
  const out: string[] = [];
  for (const at of actions) {
    const action = at.action as Action;
    out.push(stepLabel(pid, action, at.moved));
    if (action.kind === 'join' || action.kind === 'restart') pids.push(action.pid);
  }
  return out;
}

export function stepLabel(pid: (index: number) => string, a: Action, moved: { from: string; to: string } | null): string {
  switch (a.kind) {
    case 'request':
      return `request ${pid(a.owner)}`;
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${a.kind} ${moved?.from}>${moved?.to} @${a.index}`;
    case 'timer':
      return `timer ${pid(a.owner)} ${a.tag}`;
    case 'suspect':
      return `suspect ${pid(a.owner)} ${pid(a.suspect)}`;
    case 'crash':
      return `crash ${pid(a.owner)}`;
    case 'leave':
      return `leave ${pid(a.owner)}`;
    case 'join':
      return `join ${a.pid}`;
    case 'restart':
      return `restart ${pid(a.owner)}`;
    case 'partition':
      return `partition ${a.groups.map((g) => g.join(',')).join('|')}`;
    case 'heal':
      return 'heal';
    default:
      return assertNever(a, 'action');
  }
}

/** The explorer's workload: a process's `made`-th multicast writes `k<made>` = `made` (the same for every process). */
export function workloadRequest(order: DeliveryOrder, made: number): AppRequest {
  return { type: 'multicast', order, payload: { key: `k${made}`, value: made } };
}

/** The process a host's next incarnation is (`p3` -> `p3#2` -> `p3#3`), as sim/system names it. */
export function nextIncarnation(pid: string): string {
  const hash = pid.indexOf('#');
  return hash < 0 ? `${pid}#2` : `${pid.slice(0, hash)}#${Number(pid.slice(hash + 1)) + 1}`;
}

/** The host a process runs on (`p3#2` -> `p3`). */
export function hostOf(pid: string): string {
  const hash = pid.indexOf('#');
  return hash < 0 ? pid : pid.slice(0, hash);
}

/** Every split of `pids` into two non-empty groups, the group holding the first process first. */
export function twoGroupSplits(pids: readonly string[]): string[][][] {
  const out: string[][][] = [];
  const n = pids.length;
  for (let mask = 1; mask < 1 << (n - 1); mask++) {
    const a: string[] = [pids[0] as string];
    const b: string[] = [];
    for (let i = 1; i < n; i++) ((mask >> (i - 1)) & 1 ? b : a).push(pids[i] as string);
    out.push([a, b]);
  }
  return out;
}
