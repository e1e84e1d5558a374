// Readers for the scenario fields that name hosts and network links, shared
// by the scenario validator (validate.ts) and the fault kinds' own
// validation (sim/faults/*.ts), so a host or a link is read one way
// wherever it appears.
import { FieldProblems, join } from './fields.ts';
import { PROCESS_ROLES, type DelaySpec, type HostName, type HostOrRole, type LinkOverride, type ProcessRole } from './types.ts';

export const HOST_PATTERN = /^p[1-9][0-9]*$/;
/** A process of a restarted host (`p3#2`): the simulator's name for a process, not a host. */
export const INCARNATION_PATTERN = /^p[1-9][0-9]*#[0-9]+$/;

export function isProcessRole(name: string): name is ProcessRole {
  return (PROCESS_ROLES as readonly string[]).includes(name);
}

export function hostName(f: FieldProblems, value: unknown, path: string): HostName {
  if (typeof value === 'string' && HOST_PATTERN.test(value)) return value;
  if (typeof value === 'string' && INCARNATION_PATTERN.test(value)) {
    f.add(path, `a host name like "${value.slice(0, value.indexOf('#'))}" (a restarted host keeps its name; ${JSON.stringify(value)} names one of its processes)`, value);
  } else {
    f.add(path, 'a host name like "p1"', value);
  }
  return 'p1';
}

/** A fault's target: a host, or a role resolved when the fault fires. */
export function hostOrRole(f: FieldProblems, value: unknown, path: string): HostOrRole {
  if (typeof value === 'string' && isProcessRole(value)) return value;
  if (typeof value === 'string' && !HOST_PATTERN.test(value) && !INCARNATION_PATTERN.test(value)) {
    f.add(path, `a host name like "p1" or one of the roles ${PROCESS_ROLES.map((r) => `"${r}"`).join(', ')}`, value);
    return 'p1';
  }
  return hostName(f, value, path);
}

export function delay(f: FieldProblems, value: unknown, path: string): DelaySpec {
  const d = f.object(value, path, ['minUs', 'meanUs', 'jitterUs']);
  const spec = {
    minUs: f.int(d.minUs, join(path, 'minUs'), 0),
    meanUs: f.int(d.meanUs, join(path, 'meanUs'), 0),
    jitterUs: f.int(d.jitterUs, join(path, 'jitterUs'), 0),
  };
  if (spec.meanUs < spec.minUs) f.add(join(path, 'meanUs'), `a mean >= minUs (${spec.minUs})`, spec.meanUs);
  return spec;
}

export function linkOverride(f: FieldProblems, value: unknown, path: string): LinkOverride {
  const l = f.object(value, path, ['from', 'to', 'bidirectional', 'delay', 'lossProbability', 'duplicateProbability']);
  const link: LinkOverride = { from: hostName(f, l.from, join(path, 'from')), to: hostName(f, l.to, join(path, 'to')) };
  if (l.bidirectional !== undefined) link.bidirectional = f.boolean(l.bidirectional, join(path, 'bidirectional'));
  if (l.delay !== undefined) link.delay = delay(f, l.delay, join(path, 'delay'));
  if (l.lossProbability !== undefined) link.lossProbability = f.probability(l.lossProbability, join(path, 'lossProbability'));
  if (l.duplicateProbability !== undefined) {
    link.duplicateProbability = f.probability(l.duplicateProbability, join(path, 'duplicateProbability'));
  }
  return link;
}
