// Mutant stale-view-reinstalled (protocol/isis/install.ts, installProposal).
//
// Each member receives the install of a view several times (from the
// coordinator and from every member's relay); only the first, taken while
// the member is still in the previous view, installs it. This mutant also
// takes a late relay of the view it already has: it installs the same view
// again, resetting its delivery state for that view.
//
// The change: `s.view.id === proposal.from.id` also admits `s.view.id === proposal.view.id` (IsisLayers.installsOnlyNextView = false).
//
// Imitates: belaban/JGroups issue #1048: a stale view delivered after a newer
// one, and FlowControl applies it unconditionally (a view event without a
// staleness guard).
// Should break: view-monotonicity, no-duplication, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const staleViewReinstalled: Mutant = {
  name: 'stale-view-reinstalled',
  summary: 'a late relay of the current view is installed again',
  imitates: 'JGroups #1048: a stale view event applied after the newer view, with no view-id guard',
  breaks: ['view-monotonicity', 'no-duplication', 'delivery-liveness'],
  file: 'protocol/isis/install.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, installsOnlyNextView: false }),
};
