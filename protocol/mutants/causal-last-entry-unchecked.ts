// Mutant causal-last-entry-unchecked (protocol/isis/cbcast.ts, causalReady).
//
// The BSS91 rule compares every entry of the message's timestamp with what
// this member delivered. This mutant stops the loop one entry early
// (`k < vt.length - 1`): the entry of the view's last-ranked member is never
// compared, so a message that depends on one of that member's multicasts
// can be delivered before it, unless the message is that member's own.
//
// The change: the loop bound `vt.length` becomes `vt.length - 1`.
//
// Imitates: a vector comparison that does not look at every entry.
// Real bug: DistributedClocks/GoVector issue #68 "Faulty Vector Clock
// Comparison" (fixed by PR #69): Compare() did not check the entries of one
// clock missing from the other, so concurrent clocks compared as ordered.
// Should break: causal-order (then total-order, virtual-synchrony).
import { defaultIsisLayers } from '../isis/config.ts';
import type { McMessage } from '../isis/mc-message.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function causalReadyButLast(m: McMessage, delivered: readonly number[]): boolean {
  const vt = m.vt;
  for (let k = 0; k < vt.length - 1; k++) { // mutated: was k < vt.length
    const have = delivered[k] ?? 0;
    const want = vt[k] ?? 0;
    if (k === m.rank ? want !== have + 1 : want > have) return false;
  }
  // The sender's own entry is still checked when the sender is the last member.
  const last = vt.length - 1;
  return m.rank !== last || (vt[last] ?? 0) === (delivered[last] ?? 0) + 1;
}

export const causalLastEntryUnchecked: Mutant = {
  name: 'causal-last-entry-unchecked',
  summary: 'CBCAST never compares the last-ranked member\'s entry of the timestamp',
  imitates: 'GoVector #68: a vector clock comparison that skips entries, so concurrent clocks look ordered',
  breaks: ['causal-order', 'total-order', 'virtual-synchrony'],
  file: 'protocol/isis/cbcast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, causalReady: causalReadyButLast }),
};
