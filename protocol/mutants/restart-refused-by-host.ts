// Mutant restart-refused-by-host (protocol/isis/join-leave.ts, onJoinRequest).
//
// A process removed from the group can never be readmitted under the same
// id, so members refuse joins from removed processes. A restarted host
// comes back as a new incarnation (`p3#2`), a different process. This
// mutant compares hosts instead of processes: the new incarnation of a host
// whose old process was removed is refused for good and never joins.
//
// The change: `s.removed.includes(joiner)` becomes a comparison of the host part of the ids (IsisLayers.sameProcess).
//
// Imitates: akka/akka-core issue #18368 "cluster - restarted downed node cannot
// join cluster" (and #16224 "Cluster node can't join after restart"): a
// new incarnation of a removed member, same host and port, never gets in.
// Should break: view-convergence.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

/** The host of a process id (`p3#2` -> `p3`). */
function hostOf(pid: string): string {
  return pid.split('#')[0] ?? pid;
}

export const restartRefusedByHost: Mutant = {
  name: 'restart-refused-by-host',
  summary: 'joins are refused by host: a restarted host whose old process was removed never gets back in',
  imitates: 'akka #18368: a restarted node (same host:port, new uid) cannot join the cluster',
  breaks: ['view-convergence'],
  file: 'protocol/isis/join-leave.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, sameProcess: (joiner, removed) => hostOf(joiner) === hostOf(removed) }),
};
