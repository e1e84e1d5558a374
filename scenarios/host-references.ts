// Every place a scenario names a host, with its field path, so validation
// can say which of them name a host that never exists. A new host-valued
// field must be added here: the switch over fault types is exhaustive.
import { assertNever } from '../protocol/types.ts';
import { PROCESS_ROLES, type HostName, type Scenario } from './types.ts';

export interface HostReference {
  path: string;
  host: HostName;
  /** When the reference acts (a timed fault or leave); undefined: whenever, or on a note. */
  atUs?: number;
  /** A reference that needs the host to exist at `atUs` (crash, restart, leave). */
  needsHostAtTime: boolean;
}

export function hostReferences(s: Scenario): HostReference[] {
  const refs: HostReference[] = [];
  const add = (path: string, host: HostName, atUs?: number, needsHostAtTime = false): void => {
    // A role (or `any`) names whichever host holds it when the fault fires: nothing to check here.
    if ((PROCESS_ROLES as readonly string[]).includes(host) || host === 'any') return;
    refs.push(atUs === undefined ? { path, host, needsHostAtTime } : { path, host, atUs, needsHostAtTime });
  };
  (s.network.links ?? []).forEach((link, k) => {
    add(`network.links[${k}].from`, link.from);
    add(`network.links[${k}].to`, link.to);
  });
  for (const host of Object.keys(s.clockDriftPpm ?? {})) add(`clockDriftPpm.${host}`, host);
  (s.workload.leaves ?? []).forEach((leave, k) => add(`workload.leaves[${k}].host`, leave.host, leave.atUs, true));
  (s.faults?.schedule ?? []).forEach((fault, k) => {
    const path = `faults.schedule[${k}]`;
    if (fault.onNote !== undefined) add(`${path}.onNote.host`, fault.onNote.host);
    if (fault.at !== undefined) add(`${path}.at.node`, fault.at.node);
    switch (fault.type) {
      case 'crash':
      case 'restart':
      case 'isolate':
        add(`${path}.host`, fault.host, fault.atUs, true);
        break;
      case 'partition':
        fault.groups.forEach((group, g) => group.forEach((host, h) => add(`${path}.groups[${g}][${h}]`, host)));
        break;
      case 'link':
        add(`${path}.from`, fault.from);
        add(`${path}.to`, fault.to);
        break;
      case 'heal':
      case 'link-reset':
        break;
      default:
        assertNever(fault, 'fault');
    }
  });
  return refs;
}

/**
 * Hosts in the order they come into being: p1..pN at time 0, then the
 * joiners p(N+1), ... at their join's `atUs` (joins run in time order, and
 * in file order at the same time, as the workload schedules them).
 */
export function hostStartTimes(s: Scenario): Map<HostName, number> {
  const starts = new Map<HostName, number>();
  for (let k = 1; k <= s.processes; k++) starts.set(`p${k}`, 0);
  const joins = [...(s.workload.joins ?? [])].sort((a, b) => a.atUs - b.atUs);
  let next = s.processes + 1;
  for (const join of joins) {
    for (let k = 0; k < (join.count ?? 1); k++) starts.set(`p${next++}`, join.atUs);
  }
  return starts;
}
