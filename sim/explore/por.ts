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
import { isBudgetedFault, type Action } from './actions.ts';
import type { ExploreConfig } from './config.ts';
import { LIVE, type GlobalState } from './state.ts';

/** The ample subset of `actions` (which `enabledActions` listed), or null for no reduction. */
export function ampleSet(s: GlobalState, actions: readonly Action[], config: ExploreConfig): Action[] | null {
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
  for (let i = 0; i < n; i++) {
    if (sender[i] || (perOwner[i] as number) === 0) continue;
    if (best < 0 || (perOwner[i] as number) < (perOwner[best] as number)) best = i;
  }
  if (best < 0) return null;
  const chosen = actions.filter((a) => a.kind !== 'heal' && a.kind !== 'partition' && (a.owner === best || sender[a.owner]));
  return chosen.length < actions.length ? chosen : null;
}
