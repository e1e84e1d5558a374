// Mutant acceptance-any-view (protocol/isis/membership.ts, onAccepted).
//
// Phase 2 of a view change counts acceptances (`accd`) of the running
// ballot. Ballots are numbered per view (round, then rank, from round 1
// again after each install), so a coordinator's first ballot in a view is
// the same number as in the previous view whenever the two views have the
// same size. An acceptance of the previous view's change that arrives late
// (its sender's link was down; the transport resends it) carries that
// ballot: counted, it stands in for a member that never accepted the new
// proposal, and the coordinator commits on fewer real acceptances than a
// majority, while the members that did not accept form another view with
// the same id.
//
// The change: onAccepted drops its `body.view !== s.view.id` test. There
// is no IsisLayers switch for it (protocol/isis/ is not changed by this
// mutant), so the mutant relabels, on arrival, an acceptance of another
// view with the receiver's current view id, which makes that test pass and
// changes nothing else: `accd` is read by onAccepted only, and onAccepted
// reads its view only in that test. (A frame held back by the transport
// for a gap is relabelled with the view at its arrival, not at its
// handling: a difference no run of the pin meets.)
//
// Imitates: a quorum of acknowledgements assembled across terms.
// Real bug: nats-io/nats-server PR #6512 ("NRG: Heartbeat can establish
// quorum & reset acks during stepdown"): acks of a previous term were not
// reset, so successful acks of an earlier term were combined with acks of
// the newer one and the leader believed it had a quorum it did not have.
// Should break: view-agreement (then virtual-synchrony, view-convergence
// and delivery-liveness: the two views 3 never reconcile).
import { makeIsisProtocol } from '../isis/stack.ts';
import type { IsisFrame, IsisState } from '../isis/isis-state.ts';
import type { Mutant } from './types.ts';

/** `frame`, but an acceptance of another view than `s`'s is relabelled with `s`'s view id. */
export function acceptanceRelabelled(s: IsisState, frame: IsisFrame): IsisFrame {
  if (frame.t === 'a' || frame.body.k !== 'accd' || s.view === null || frame.body.view === s.view.id) return frame;
  return { ...frame, body: { ...frame.body, view: s.view.id } };
}

export const acceptanceAnyView: Mutant = {
  name: 'acceptance-any-view',
  summary: "a coordinator counts a member's acceptance of the previous view's change (same ballot number) for the current one",
  imitates: 'nats-server #6512: acks of an earlier term combined with the current term\'s into a quorum',
  breaks: ['view-agreement', 'virtual-synchrony', 'view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => {
    const real = makeIsisProtocol(options);
    return { ...real, onMessage: (state, from, frame, node) => real.onMessage(state, from, acceptanceRelabelled(state, frame), node) };
  },
};
