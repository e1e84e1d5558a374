// Mutant flush-skips-first-missing (protocol/isis/flush.ts, decideFlush).
//
// The decision forwards, for each sender, every message between the
// lowest count any replier delivered and the highest count some replier
// delivered. This mutant starts one too late: the first message the
// lowest replier lacks is not forwarded, so that replier cannot deliver it
// (nor anything after it from that sender) before the install.
//
// The change: the loop starts at `floor + 2` instead of `floor + 1` (IsisLayers.flushForwardsFromFloor = false).
//
// Imitates: an off-by-one between "highest delivered" and "first missing"
// in a retransmission digest.
// Real bug: JGRP-1785 is the same family on the receive side (messages
// delivered past a gap); corosync PR #663 lost recovered messages at a
// configuration change.
// Should break: virtual-synchrony, self-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushSkipsFirstMissing: Mutant = {
  name: 'flush-skips-first-missing',
  summary: 'the flush does not forward the first message the lowest replier lacks',
  imitates: 'an off-by-one between highest delivered and first missing in a recovery digest',
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/flush.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, flushForwardsFromFloor: false }),
};
