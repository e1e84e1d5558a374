// Mutant leave-relies-on-lost-ack (protocol/isis/membership.ts, mayStillBeFalselySuspected).
//
// A proposal that holds a majority only once its leavers are discounted
// can be committed only by hearing that they exited, and a leaver's
// acceptance is the one message it cannot resend (it exits as it sends
// it). While a suspected member may still answer, the real coordinator
// waits a few retries for it instead. This mutant proposes at once: when the
// leaver's acceptance is lost, the change can never be committed, and every
// later coordinator must adopt it.
//
// The change: `mayStillBeFalselySuspected` returns false (IsisLayers.waitForSuspectsBeforeLeavers = false),
// and a leaver exits as it accepts, its acceptance counted as its exit (IsisLayers.leaverLingers =
// false: the protocol before the fix of regressions/leavers-outnumber-lost-ack). With the linger
// alone switched off the mutant still loses that regression (seed 1); with the linger on, a lost
// acceptance is resent and the wait for suspects only narrows a rarer window.
//
// Imitates: camunda/camunda issue #13906 (raft members leaving a cluster): a
// member that left may never get confirmation that its leave was handled,
// and the rest of the group must not depend on that confirmation.
// Should break: view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const leaveReliesOnLostAck: Mutant = {
  name: 'leave-relies-on-lost-ack',
  summary: 'a view change relies on the acceptance of a leaver while a suspected member may still answer',
  imitates: 'camunda #13906: a leave whose confirmation may be lost, relied on by the rest of the group',
  breaks: ['view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, waitForSuspectsBeforeLeavers: false, leaverLingers: false }),
};
