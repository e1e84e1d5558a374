// What can happen next in a global state, untimed: deliver any in-flight
// message, fire any pending timer, issue a process's next workload
// multicast, report a suspicion, or inject a fault while its budget lasts.
// The order of the list is fixed (it is part of the search's determinism);
// a counterexample records each step by its label.
import { assertNever } from '../../protocol/types.ts';
import type { ExploreConfig } from './config.ts';
import { CRASHED, LIVE, type GlobalState } from './state.ts';

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
  if (used.crash < budgets.crash) {
    for (const p of procs) if (p.status === LIVE) out.push({ kind: 'crash', owner: p.index });
  }
  if (used.drop < budgets.drop) {
    for (let j = 0; j < s.bag.length; j++) out.push({ kind: 'drop', owner: (s.bag[j] as { toIndex: number }).toIndex, index: j });
  }
  if (used.duplicate < budgets.duplicate) {
    for (let j = 0; j < s.bag.length; j++) out.push({ kind: 'duplicate', owner: (s.bag[j] as { toIndex: number }).toIndex, index: j });
  }
  if (used.leave < budgets.leave) {
    for (const p of procs) if (p.status === LIVE) out.push({ kind: 'leave', owner: p.index });
  }
  const anyLive = procs.some((p) => p.status === LIVE);
  if (used.join < budgets.join && anyLive) {
    out.push({ kind: 'join', owner: procs.length, pid: `p${(ctx.initialProcesses ?? procs.length) + used.join + 1}` });
  }
  if (used.restart < budgets.restart && anyLive) {
    for (const p of procs) {
      if (p.status !== CRASHED) continue;
      const next = nextIncarnation(p.pid);
      if (!procs.some((q) => q.pid === next)) out.push({ kind: 'restart', owner: p.index, pid: next });
    }
  }
  if (s.partition !== null) out.push({ kind: 'heal' });
  else if (used.partition < budgets.partition) for (const groups of ctx.splits) out.push({ kind: 'partition', groups });
  return out;
}

/** True for the faults a budget limits (they make every other action dependent). */
export function isBudgetedFault(a: Action): boolean {
  switch (a.kind) {
    case 'crash':
    case 'drop':
    case 'duplicate':
    case 'leave':
    case 'join':
    case 'restart':
    case 'partition':
      return true;
    case 'suspect':
      return a.budgeted;
    case 'request':
    case 'deliver':
    case 'timer':
    case 'heal':
      return false;
    default:
      return assertNever(a, 'action');
  }
}

/** A readable, replayable name for an action in state `s` (recorded in `exploreChoices`). */
export function actionLabel(s: GlobalState, a: Action): string {
  const moved = a.kind === 'deliver' || a.kind === 'drop' || a.kind === 'duplicate' ? (s.bag[a.index] as { from: string; to: string }) : null;
  // A joiner has no slot yet; the explorer's processes are p1, p2, ... by index.
  return stepLabel((index) => (s.procs[index] as { pid: string } | undefined)?.pid ?? `p${index + 1}`, a, moved);
}

/** The label of an action, given the process names and, for a delivery or drop, the message it moved. */
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
