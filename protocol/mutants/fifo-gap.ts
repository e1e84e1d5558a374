// Mutant fifo-gap (protocol/isis/fbcast.ts, fifoReady).
//
// The FBCAST rule delivers a sender's message n only right after its
// message n - 1. This mutant only refuses old messages (n > last
// delivered), trusting the FIFO channel for the rest. But a sender's
// causal or total message can be held back by the layers above while its
// next, FIFO, message is ready: the FIFO message overtakes it, and the
// held-back one is then refused as "old" for good.
//
// The change: `m.sn === d[m.rank] + 1` becomes `m.sn > d[m.rank]` (off by
// a gap).
//
// Imitates: a FIFO layer that only suppresses duplicates and trusts the
// transport for order, forgetting the messages held back above it.
// Real bug: JGRP-1785 "TOA, inconsistent message delivery" (belaban/JGroups PR #126):
// messages were delivered while messages with smaller sequence numbers were
// still pending.
// Should break: fifo-order (then causal-order, self-delivery, virtual-synchrony,
// delivery-liveness: the overtaken message is never delivered).
import { defaultIsisLayers } from '../isis/config.ts';
import type { McMessage } from '../isis/mc-message.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function fifoNotOld(m: McMessage, delivered: readonly number[]): boolean {
  return m.sn > (delivered[m.rank] ?? 0); // mutated: was m.sn === (delivered[m.rank] ?? 0) + 1
}

export const fifoGap: Mutant = {
  name: 'fifo-gap',
  summary: 'FBCAST delivers any message newer than the last one: gaps allowed',
  imitates: 'a FIFO layer that only drops duplicates and trusts the channel for order',
  breaks: ['fifo-order', 'causal-order', 'self-delivery', 'virtual-synchrony', 'delivery-liveness'],
  file: 'protocol/isis/fbcast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, fifoReady: fifoNotOld }),
};
