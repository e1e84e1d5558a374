// Replica agreement at a terminal state: the processes live there must hold
// the same application state (the protocol's `appDigest`), as the timed
// run's `replicasAgree` demands at quiescence (sim/run.ts). The trace
// checkers cannot see it (the application state is not in the trace), so
// the search judges it on the state itself; the digest is a function of
// the protocol states, which are in the key, so merged paths agree on it.
import type { AnyProtocol } from '../../protocol/types.ts';
import { LIVE, type GlobalState } from './state.ts';

/** The property name a replica disagreement is reported under (the mutants' `breaks` name it so). */
export const REPLICAS_PROPERTY = 'replicas';

/** Null when the live processes agree (or the protocol has no application); otherwise what differs. */
export function replicaDisagreement(protocol: AnyProtocol, s: GlobalState): string | null {
  const digest = protocol.appDigest;
  if (digest === undefined) return null;
  let first: { pid: string; digest: string } | null = null;
  for (const p of s.procs) {
    if (p.status !== LIVE) continue;
    const d = digest(p.state);
    if (d === null) continue;
    if (first === null) first = { pid: p.pid, digest: d };
    else if (d !== first.digest) return `replicas disagree at the end: ${first.pid} holds ${first.digest}, ${p.pid} holds ${d}`;
  }
  return null;
}
