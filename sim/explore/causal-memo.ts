// A cheap filter in front of the checkers for one case: a step that delivers
// several messages in a row at one process (history.ts). Their order inside
// the step is not in the state key, so such a step that reaches a state
// already seen must be judged by the checkers, unless its order provably
// cannot matter. It cannot when every delivery in the run comes after all
// of the message's possible causal past (its sender's delivered set and
// earlier multicasts at its multicast, closed transitively: a superset of
// the contract's happened-before, which also skips fifo messages): then the
// run breaks neither fifo nor causal order whatever its order, and no other
// property reads the order of deliveries between two boundaries. When in
// doubt (an unknown message, more than MAX_TRACKED messages) the filter
// says "judge it". It decides nothing else: verdicts are the checkers'.
//
// The memo is derived from the processes' histories, so paths that merge
// agree on it; it is carried in the state but not hashed. (With settled
// messages pruned from the histories, merged paths may disagree on the pasts
// of settled messages only; those are delivered everywhere, so every answer
// below is the same on both. The settled set itself is in the key.)

/** Message sets are bit masks; beyond this many messages the filter always says "judge". */
export const MAX_TRACKED = 30;

export interface CausalMemo {
  /** Per process: the messages it delivered. */
  readonly delivered: readonly number[];
  /** Per process: the messages it multicast. */
  readonly own: readonly number[];
  /** Per message bit: its possible causal past (undefined: unknown). */
  readonly pasts: readonly (number | undefined)[];
  /** The settled messages (settledMessages below) whose histories were pruned (history.ts), as of this state. */
  readonly settled: number;
}

export type MutableMemo = { delivered: number[]; own: number[]; pasts: (number | undefined)[]; settled: number };

export function emptyMemo(processes: number): CausalMemo {
  return { delivered: new Array<number>(processes).fill(0), own: new Array<number>(processes).fill(0), pasts: [], settled: 0 };
}

/**
 * The messages delivered by each of the first `processes` processes, each
 * with its whole possible causal past: no continuation can deliver one of
 * them, or one of its past, anywhere for the first time (history.ts,
 * "Settled messages"). A message of unknown past never is.
 */
export function settledMessages(memo: CausalMemo, processes: number): number {
  let everywhere = -1;
  for (let i = 0; i < processes; i++) everywhere &= memo.delivered[i] as number;
  let settled = 0;
  for (let b = 0; b < MAX_TRACKED; b++) {
    if ((everywhere & (1 << b)) === 0) continue;
    const past = memo.pasts[b];
    if (past !== undefined && (past & ~everywhere) === 0) settled |= 1 << b;
  }
  return settled;
}

/** Message id -> bit, shared by every state of one exploration. */
export class MessageBits {
  private readonly bits = new Map<string, number>();

  of(msg: string): number {
    let bit = this.bits.get(msg);
    if (bit === undefined) {
      bit = this.bits.size < MAX_TRACKED ? this.bits.size : -1;
      this.bits.set(msg, bit);
    }
    return bit;
  }
}

/** A copy to change (copy-on-write within one step). */
export function mutableMemo(memo: CausalMemo): MutableMemo {
  return { delivered: memo.delivered.slice(), own: memo.own.slice(), pasts: memo.pasts.slice(), settled: memo.settled };
}

/** Process `p` multicasts message `bit`: its past is everything p delivered or sent, closed. */
export function noteMulticast(memo: MutableMemo, p: number, bit: number): void {
  if (bit < 0) return;
  const base = (memo.delivered[p] as number) | (memo.own[p] as number);
  let past = base;
  for (let b = 0; b < MAX_TRACKED; b++) {
    if ((base & (1 << b)) === 0) continue;
    const more = memo.pasts[b];
    if (more === undefined) return; // an unknown past: leave this message's past unknown too
    past |= more;
  }
  memo.pasts[bit] = past;
  memo.own[p] = (memo.own[p] as number) | (1 << bit);
}

/** Process `p` delivers message `bit`. True when its whole possible past was delivered before. */
export function noteDelivery(memo: MutableMemo, p: number, bit: number): boolean {
  if (bit < 0) return false;
  const before = memo.delivered[p] as number;
  memo.delivered[p] = before | (1 << bit);
  const past = memo.pasts[bit];
  return past !== undefined && (past & ~before) === 0;
}
