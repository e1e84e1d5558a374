// Mutant majority-half (protocol/isis/membership.ts, every majority check; IsisLayers.isMajority).
//
// A new view needs more than half of the old one. This mutant accepts
// exactly half (`2 * votes >= size`): in a view with an even number of
// members, a partition into two halves lets both sides install a view.
// Odd views behave as before.
//
// The change: `2 * votes > viewSize` becomes `2 * votes >= viewSize`.
//
// Imitates: a quorum computed as ceil(n / 2) instead of floor(n / 2) + 1.
// Real bug: apache/geode PR #7126, GEODE-9822 "Quorum Calculation Requires
// Majority": the membership quorum did not require a majority, so a
// two-locator cluster split brain on a network partition.
// Should break: primary-majority, view-agreement.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const majorityHalf: Mutant = {
  name: 'majority-half',
  summary: 'half of the old view counts as a majority: split brain on an even split',
  imitates: 'GEODE-9822: a membership quorum of half the members, split brain on an even partition',
  breaks: ['primary-majority', 'view-agreement'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, isMajority: (votes, viewSize) => 2 * votes >= viewSize }),
};
