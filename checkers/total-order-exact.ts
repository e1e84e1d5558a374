// total-order judged again at the end, exactly, from what the checker keeps
// anyway: each process's first and last delivery of every message
// (delivered-window.ts). "p delivers m1 before m2 (some delivery of m1 comes
// before some delivery of m2)" is exactly first_p(m1) < last_p(m2), so two
// processes disagree on a pair of `total` messages both delivered when that
// comparison differs between them. Only repeated deliveries of total
// messages need this (they can undo an inversion the online judge found;
// total-order.ts), so the pass is rare; it is bounded, and past the bound
// the verdict is unknown, never held.
import type { CheckContext } from './context.ts';
import type { ProcState } from './state.ts';

/** Comparisons the exact pass may make: pairs of processes x pairs of total messages both delivered. */
export const MAX_EXACT_TOTAL_WORK = 1 << 28;

/** Reports one inversion per pair of processes that disagree; returns why it could not judge, or null. */
export function judgeTotalOrderExactly(ctx: CheckContext): string | null {
  const { messages, procs } = ctx;
  const totals = messages.totals;
  let work = procs.length * totals.length;
  if (work > MAX_EXACT_TOTAL_WORK) return tooMuch();
  // Per process, the total messages it delivered, in multicast order.
  const deliveredBy = procs.map((proc) => totals.filter((msg) => proc.delivered.first(msg) >= 0));
  for (let a = 0; a < procs.length; a++) {
    const p = procs[a] as ProcState;
    const ownList = deliveredBy[a] as number[];
    if (ownList.length < 2) continue;
    for (let b = a + 1; b < procs.length; b++) {
      const q = procs[b] as ProcState;
      work += ownList.length;
      if (work > MAX_EXACT_TOTAL_WORK) return tooMuch();
      const common = ownList.filter((msg) => q.delivered.first(msg) >= 0);
      work += common.length * common.length;
      if (work > MAX_EXACT_TOTAL_WORK) return tooMuch();
      findInversion(ctx, p, q, common);
    }
  }
  return null;
}

function tooMuch(): string {
  return `repeated deliveries of total messages, and more than ${MAX_EXACT_TOTAL_WORK} comparisons to judge total-order again exactly`;
}

/** "p delivers m1 before m2": some delivery of m1 comes before some delivery of m2. */
function deliversBefore(proc: ProcState, m1: number, m2: number): boolean {
  return proc.delivered.first(m1) < proc.delivered.last(m2);
}

function findInversion(ctx: CheckContext, p: ProcState, q: ProcState, common: readonly number[]): void {
  for (const m1 of common) {
    for (const m2 of common) {
      if (m1 === m2) continue;
      const atP = deliversBefore(p, m1, m2);
      if (atP === deliversBefore(q, m1, m2)) continue;
      const [agrees, disagrees] = atP ? [p, q] : [q, p];
      const { messages } = ctx;
      ctx.sink.report(
        'total-order',
        [agrees.delivered.first(m1), agrees.delivered.last(m2), disagrees.delivered.first(m1), disagrees.delivered.last(m2)],
        () =>
          `${agrees.id} delivers ${messages.idOf(m1)} before ${messages.idOf(m2)}, but every delivery of ` +
          `${messages.idOf(m2)} by ${disagrees.id} comes before its first delivery of ${messages.idOf(m1)} (both total).`,
      );
      return;
    }
  }
}
