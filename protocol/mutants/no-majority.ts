// Mutant no-majority (protocol/isis/membership.ts, every majority check; IsisLayers.isMajority).
//
// The GMS installs a new view with whatever members answered, without
// checking that they are a majority of the previous view. Under a
// partition both sides carry on: two primary views, split brain.
//
// Imitates: membership services that "stay available" under partition
// (early group-communication toolkits without primary-partition progress,
// and the Jepsen-found split brains of many leader elections).
// Real bug: hazelcast/hazelcast issue #4615 "Split brain can not be recovered"
// (its test: two fake masters with out-of-sync member lists): both sides of
// a split went on as the cluster.
// Should break: primary-majority (and view-agreement when both sides reuse ids).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const noMajority: Mutant = {
  name: 'no-majority',
  summary: 'no majority check on a new view: split brain under partition',
  imitates: 'membership that stays available under partition (split brain)',
  breaks: ['primary-majority', 'view-agreement'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, isMajority: (votes) => votes >= 1 }),
};
