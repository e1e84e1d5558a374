// CBCAST: causal multicast with vector timestamps per view (Birman, Schiper
// and Stephenson 1991). A message carries its sender's delivered vector at
// send time, with the sender's own entry set to the message's sequence
// number. Entries count every delivered message of each member (fifo ones
// too), which orders a little more than causality asks and never less.
import type { McMessage } from './mc-message.ts';

/**
 * The BSS delivery rule: m is the next message of its sender
 * (vt[s] = D[s] + 1) and everything m's sender had delivered from the others
 * has been delivered here (vt[k] <= D[k]).
 */
export function causalReady(m: McMessage, delivered: readonly number[]): boolean {
  const vt = m.vt;
  for (let k = 0; k < vt.length; k++) {
    const have = delivered[k] ?? 0;
    const want = vt[k] ?? 0;
    if (k === m.rank ? want !== have + 1 : want > have) return false;
  }
  return true;
}

/** The timestamp of a new multicast: what we delivered, with our own entry = its sn. */
export function stampVector(delivered: readonly number[], rank: number, sn: number): number[] {
  const vt = delivered.slice();
  vt[rank] = sn;
  return vt;
}

/** Sum of a timestamp: strictly grows along happened-before, so sorting by it respects causality. */
export function vectorSum(vt: readonly number[]): number {
  let sum = 0;
  for (const v of vt) sum += v;
  return sum;
}
