// Partial-order reduction by ample (persistent) sets.
//
// Actions of different processes are independent: each runs one process's
// handler on its own state and only adds messages to the in-flight
// multiset, so two of them commute and neither disables the other, and the
// per-process observation histories (and so every verdict) come out the
// same in either order. What makes a set of one process's actions unsafe to
// explore alone is that another process may, before it moves, send it a new
// message (a new, dependent action). So the ample set is every enabled action
// of one process p plus every enabled action of each process that may still
// send: one with workload multicasts left, pending timers or suspicions to
// hear. That is sound only if handling a message sends nothing and sets no
// timer: the scenario declares it with `explore.receiptsSend: false`, and
// the model checks the declaration on every receipt it executes.
//
// No reduction while a budgeted fault (crash, drop, cut, false suspicion) is
// enabled or the network is cut: they touch every process. The cycle proviso
// is the search's (search.ts): a state whose reduced successors close a
// cycle is expanded in full.
//
// Under --symmetry a visited state stands for its whole orbit, and which
// renaming of it is kept depends on which path (or worker) reached it first.
// So the choice of p must not depend on the processes' names: ties between
// processes with equally few actions are broken by their rank under the
// state's canonical renaming (`canonicalRanks`, model.ts), which is the same
// for a process and its image in every renamed state. Two renamings giving
// the minimal key are an automorphism of the state that maps one choice onto
// the other, so their successors get the same keys. By index, as before, the
// count depended on the race: 34,006 / 34,007 / 34,021 states on three runs
// of cbcast-3x2 with 2 workers, 33,961 with one thread.
import { isBudgetedFault, type Action } from './actions.ts';
import type { ExploreConfig } from './config.ts';
import { LIVE, type GlobalState } from './state.ts';

/**
 * Why ample sets can reduce nothing in this configuration (so `--por` would
 * explore exactly the full space), or null when they may. `ampleSet` refuses
 * every state when receipts may send: then another process's receipt can
 * always send a new, dependent message.
 */
export function porInapplicable(config: ExploreConfig): string | null {
  return config.receiptsSend ? 'explore.receiptsSend is true (a receipt may send, so no process\'s actions can be explored alone)' : null;
}

/**
 * The ample subset of `actions` (which `enabledActions` listed), or null for
 * no reduction. `canonicalRanks` (under symmetry) ranks the processes for a
 * tie; without it a tie goes to the lowest index.
 */
export function ampleSet(
  s: GlobalState,
  actions: readonly Action[],
  config: ExploreConfig,
  canonicalRanks: ((s: GlobalState) => readonly number[] | null) | null = null,
): Action[] | null {
  if (config.receiptsSend || s.partition !== null || actions.length < 2) return null;
  const n = s.procs.length;
  const perOwner = new Array<number>(n).fill(0);
  const sender = new Array<boolean>(n).fill(false);
  for (const a of actions) {
    if (isBudgetedFault(a) || a.kind === 'heal' || a.kind === 'partition') return null;
    perOwner[a.owner] = (perOwner[a.owner] as number) + 1;
    if (a.kind !== 'deliver') sender[a.owner] = true;
  }
  for (const p of s.procs) {
    if (p.status !== LIVE) continue;
    if (p.requestsMade < config.multicastsPerProcess || p.timers.length > 0) sender[p.index] = true;
  }
  let best = -1;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (sender[i] || (perOwner[i] as number) === 0) continue;
    if (best < 0 || (perOwner[i] as number) < (perOwner[best] as number)) {
      best = i;
      tied = 1;
    } else if ((perOwner[i] as number) === (perOwner[best] as number)) tied++;
  }
  if (best < 0) return null;
  if (tied > 1 && canonicalRanks !== null) best = lowestRanked(s, perOwner, sender, best, canonicalRanks);
  const chosen = actions.filter((a) => a.kind !== 'heal' && a.kind !== 'partition' && (a.owner === best || sender[a.owner]));
  return chosen.length < actions.length ? chosen : null;
}

/** Among the non-senders with as few actions as `first`, the one of lowest canonical rank (`first` without symmetry). */
function lowestRanked(s: GlobalState, perOwner: readonly number[], sender: readonly boolean[], first: number, canonicalRanks: (s: GlobalState) => readonly number[] | null): number {
  const ranks = canonicalRanks(s);
  if (ranks === null) return first;
  const rank = (i: number): number => (i < ranks.length ? (ranks[i] as number) : i);
  const fewest = perOwner[first] as number;
  let best = first;
  for (let i = first + 1; i < perOwner.length; i++) {
    if (sender[i] || perOwner[i] !== fewest) continue;
    if (rank(i) < rank(best)) best = i;
  }
  return best;
}
