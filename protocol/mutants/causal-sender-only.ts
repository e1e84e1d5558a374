// Mutant causal-sender-only (protocol/isis/cbcast.ts, causalReady).
//
// The BSS91 rule delivers m when it is its sender's next message AND
// everything its sender had delivered from the others has been delivered
// here. This mutant keeps the first half only (FIFO per sender): a reply
// can be delivered before the message it answers, when the reply's sender
// is faster to reach us than the original sender.
//
// The change: the loop over the other members' entries (`want > have`) is
// dropped; only `vt[rank] === D[rank] + 1` is checked.
//
// Imitates: rocq-community/chapar issue #3 "Message duplication and
// reordering causes violation of causal consistency": a causal delivery
// algorithm that let a client see an effect ("Reply") without its cause
// ("Request"); and elem-azar-unis/CRDT-Redis issue #2, an erroneous patch
// meant to provide causal delivery.
// Should break: causal-order (then total-order, virtual-synchrony on other seeds).
import { defaultIsisLayers } from '../isis/config.ts';
import type { McMessage } from '../isis/mc-message.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function senderEntryOnly(m: McMessage, delivered: readonly number[]): boolean {
  return (m.vt[m.rank] ?? 0) === (delivered[m.rank] ?? 0) + 1; // mutated: the other entries are not checked
}

export const causalSenderOnly: Mutant = {
  name: 'causal-sender-only',
  summary: 'CBCAST checks only the sender\'s entry of the timestamp: FIFO, not causal',
  imitates: 'chapar #3: a causal delivery rule that lets an effect be seen before its cause',
  breaks: ['causal-order', 'total-order', 'virtual-synchrony'],
  file: 'protocol/isis/cbcast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, causalReady: senderEntryOnly }),
};
