// Mutant ack-releases-next (protocol/isis/transport.ts, applyAck).
//
// An acknowledgement carries the highest sequence number received in
// order; the sender drops the frames up to it from its retransmission
// buffer. This mutant reads the number as "the next one expected" and drops
// one frame more: a frame still in flight when the ack was sent leaves the
// buffer, and if the network loses it, nobody resends it. The receiver then
// holds every later frame of that channel behind the gap for good.
//
// The change: `ack - first + 1` becomes `ack - first + 2` frames released
// (IsisLayers.ackReleasesExactly = false; the transport's `releasedPastAck`).
//
// Imitates: a retransmission buffer trimmed by an off-by-one cumulative
// acknowledgement (the "last received" and "next expected" conventions of
// TCP-like protocols mixed up).
// Real bug: holepunchto/libudx PR #58 "fix bug when a queued retransmit is
// acked before transmit" is the same family: retransmission bookkeeping
// wrong after an ack, and the stream stalls.
// Should break: delivery-liveness, self-delivery, view-convergence.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const ackReleasesNext: Mutant = {
  name: 'ack-releases-next',
  summary: 'an acknowledgement also releases the frame after the one it covers from the retransmission buffer',
  imitates: 'a retransmission buffer trimmed by an off-by-one cumulative ack: a lost frame is never resent and the channel stalls',
  breaks: ['delivery-liveness', 'self-delivery', 'view-convergence', 'virtual-synchrony'],
  file: 'protocol/isis/transport.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, ackReleasesExactly: false }),
};
