// Copies of a ViewComm with fields replaced, each built as one object
// literal in the field order of newViewComm (view-comm.ts), so every copy
// shares the literal's map (why: copyState in isis-state.ts). Its own file
// so that stability.ts, which view-comm.ts imports, can use it too.
import type { TotalOrderState } from './abcast.ts';
import type { StabilityState } from './stability.ts';
import type { ViewComm } from './view-comm.ts';

/** A copy of `vc` for the caller to change before anyone else sees it. */
export function copyViewComm(vc: ViewComm): ViewComm {
  return {
    view: vc.view,
    rank: vc.rank,
    nextSn: vc.nextSn,
    delivered: vc.delivered,
    waiting: vc.waiting,
    kept: vc.kept,
    retain: vc.retain,
    total: vc.total,
    stability: vc.stability,
  };
}

/** `vc` with its total order state replaced. */
export function withTotal(vc: ViewComm, total: TotalOrderState): ViewComm {
  const out = copyViewComm(vc);
  out.total = total;
  return out;
}

/** `vc` with its stability state replaced. */
export function withStability(vc: ViewComm, stability: StabilityState): ViewComm {
  const out = copyViewComm(vc);
  out.stability = stability;
  return out;
}
