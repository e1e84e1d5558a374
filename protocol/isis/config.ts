// The layer functions the stack is built from. A mutant (a deliberately
// broken variant, protocol/mutants/) is this object with one entry swapped:
// e.g. `{ ...defaultIsisLayers, causalReady: (m, d) => m.vt[m.rank] <= d[m.rank] + 1 && ... }`.
import { majorityKnown } from './abcast.ts';
import { causalReady } from './cbcast.ts';
import { fifoReady } from './fbcast.ts';
import type { McMessage } from './mc-message.ts';
import { minimumVector } from './stability.ts';

export interface IsisLayers {
  /** FBCAST delivery rule. */
  fifoReady(m: McMessage, delivered: readonly number[]): boolean;
  /** CBCAST delivery rule (BSS91). */
  causalReady(m: McMessage, delivered: readonly number[]): boolean;
  /** ABCAST: how many orders may be delivered, given what each member acknowledged knowing. */
  stableOrderCount(knownBy: readonly number[]): number;
  /** GC: what every member has delivered, given each member's delivered vector. */
  stableVector(rows: readonly (readonly number[])[]): number[];
  /** GMS: may `votes` replies out of a view of `viewSize` (leavers discounted) decide a new view? */
  isMajority(votes: number, viewSize: number): boolean;
  /** Flush: the coordinator waits for a reply from every member it does not suspect. */
  awaitEveryFlushReply: boolean;
}

export const defaultIsisLayers: IsisLayers = {
  fifoReady,
  causalReady,
  stableOrderCount: majorityKnown,
  stableVector: minimumVector,
  isMajority: (votes, viewSize) => 2 * votes > viewSize,
  awaitEveryFlushReply: true,
};
