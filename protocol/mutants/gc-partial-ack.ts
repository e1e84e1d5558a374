// Mutant gc-partial-ack (protocol/isis/stability.ts, stableVector).
//
// Stability is computed as the maximum of the members' delivered vectors
// instead of the minimum: a message counts as stable (and is discarded)
// as soon as one member acknowledged it. If its sender then fails, nobody
// can forward it in the flush to the members that missed it.
//
// Imitates: garbage collection on a partial acknowledgement, e.g. freeing a
// retransmission buffer when the first ack arrives.
// Real bug: ISPN-9291 (reproduced in keycloak/keycloak PR #31634 by forcing STABLE
// garbage collection of sent NAKACK2 messages before a merge): messages
// collected while a member that needed them still lacked them.
// Should break: virtual-synchrony, self-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function maximumVector(rows: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const row of rows) row.forEach((v, k) => (out[k] = Math.max(out[k] ?? 0, v)));
  return out;
}

export const gcPartialAck: Mutant = {
  name: 'gc-partial-ack',
  summary: 'stable messages garbage-collected on a partial acknowledgement',
  imitates: 'a retransmission buffer freed at the first acknowledgement instead of the last',
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/stability.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, stableVector: maximumVector }),
};
