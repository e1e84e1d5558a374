// Mutant cbcast-sender-leq (protocol/isis/cbcast.ts, causalReady).
//
// The BSS91 delivery rule demands vt[s] = D[s] + 1 on the sender's own
// entry and vt[k] <= D[k] elsewhere. This mutant writes the sender's test
// with `<=` like the others (vt[s] <= D[s] + 1), the slip made when the two
// cases of the rule are folded into one comparison. A message that is not
// the sender's next one (an old one, forwarded again by a flush, or one
// overtaken on another path) passes the test.
//
// Imitates: hand-rolled causal broadcast implementations that merge the two
// halves of the rule into one loop with a single comparison.
// Real bug: JGRP-1458 "SEQUENCER delivers the same message twice" (belaban/JGroups
// PR #41): a delivery check that let an already delivered message through again.
// Should break: no-duplication or fifo-order / causal-order.
import { defaultIsisLayers } from '../isis/config.ts';
import type { McMessage } from '../isis/mc-message.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function causalReadyLeq(m: McMessage, delivered: readonly number[]): boolean {
  const vt = m.vt;
  for (let k = 0; k < vt.length; k++) {
    const have = delivered[k] ?? 0;
    const want = vt[k] ?? 0;
    if (k === m.rank ? want > have + 1 : want > have) return false; // mutated: was `want !== have + 1`
  }
  return true;
}

export const cbcastSenderLeq: Mutant = {
  name: 'cbcast-sender-leq',
  summary: 'CBCAST delivery rule with <= instead of = +1 on the sender\'s entry',
  imitates: 'causal broadcast code that folds both halves of the BSS91 rule into one comparison',
  breaks: ['no-duplication', 'fifo-order', 'causal-order'],
  file: 'protocol/isis/cbcast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, causalReady: causalReadyLeq }),
};
