// Mutant stability-heard-only (protocol/isis/stability.ts, minimumVector).
//
// A message is stable, and discarded, once every member of the view has
// delivered it. This mutant takes the minimum only over the members it has
// heard a delivered vector from (rows not all zero): a member that has not
// multicast or gossiped yet in the view (slow, or just joined, or about to
// crash) is left out, so a message can be discarded that it never got; if
// the sender then fails, the flush cannot forward it.
//
// The change: `minimumVector` skips rows that are all zero.
//
// Imitates: stability (GC) computed over the members that answered a
// stability round instead of over the whole view.
// Real bug: ISPN-9291 is the same family (messages collected while a member
// that needed them lacked them); here the set, not the aggregate, is wrong.
// Should break: virtual-synchrony, self-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function minimumOverHeard(rows: readonly (readonly number[])[]): number[] {
  const heard = rows.filter((row) => row.some((v) => v > 0)); // mutated: was every row
  const n = rows[0]?.length ?? 0;
  const out = new Array<number>(n).fill(0);
  if (heard.length === 0) return out;
  for (let k = 0; k < n; k++) out[k] = Math.min(...heard.map((row) => row[k] ?? 0));
  return out;
}

export const stabilityHeardOnly: Mutant = {
  name: 'stability-heard-only',
  summary: 'stability computed over the members heard from, not the whole view: a silent member\'s messages are discarded',
  imitates: 'a stability round that completes over the members that answered, not every member of the view',
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/stability.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, stableVector: minimumOverHeard }),
};
