// Roles rebuilt from a trace (TraceRoleTracker), with the rules of the
// fault driver (sim/roles.ts): who is initial, who joins, who provides,
// which process of a host is leaving.
import { describe, expect, it } from 'vitest';
import { TraceRoleTracker } from '../../../sim/coverage/roles.ts';
import type { TraceEvent } from '../../../traces/schema.ts';

let i = 0;
const ev = (t: number, type: string, fields: Record<string, unknown> = {}): TraceEvent => ({ type, i: i++, t, ...fields }) as TraceEvent;
const start = (t: number, node: string): TraceEvent => ev(t, 'start', { node });
const view = (t: number, node: string, id: number, members: string[]): TraceEvent => ev(t, 'view', { node, view: { id, members } });

function group(roles: TraceRoleTracker, members: string[]): void {
  for (const p of members) roles.observe(start(0, p));
  for (const p of members) roles.observe(view(0, p, 1, members));
}

describe('TraceRoleTracker', () => {
  it('rank 0 is coordinator and sequencer; the others are members', () => {
    const roles = new TraceRoleTracker([], 3);
    group(roles, ['p1', 'p2', 'p3']);
    expect(roles.rolesOf('p1', 1)).toEqual(['coordinator', 'sequencer']);
    expect(roles.rolesOf('p2', 1)).toEqual(['member']);
  });

  it('a joiner joins until its second view; the coordinator that admitted it stays the provider', () => {
    const roles = new TraceRoleTracker([], 3);
    group(roles, ['p1', 'p2', 'p3']);
    roles.observe(start(10, 'p4'));
    expect(roles.rolesOf('p4', 11)).toEqual(['joiner']);
    expect(roles.rolesOf('p1', 11)).toEqual(['coordinator', 'sequencer', 'provider']);
    for (const p of ['p1', 'p2', 'p3', 'p4']) roles.observe(view(20, p, 2, ['p1', 'p2', 'p3', 'p4']));
    expect(roles.rolesOf('p4', 21)).toEqual(['joiner']);
    expect(roles.rolesOf('p1', 21)).toEqual(['coordinator', 'sequencer', 'provider']);
    roles.observe(view(30, 'p4', 3, ['p1', 'p2', 'p3', 'p4']));
    expect(roles.rolesOf('p4', 31)).toEqual(['member']);
  });

  it('a restarted process (p2#2) is a joiner; without a count of initial hosts, those started first are the initial ones', () => {
    const roles = new TraceRoleTracker();
    group(roles, ['p1', 'p2', 'p3']);
    roles.observe(ev(5, 'crash', { node: 'p2' }));
    roles.observe(start(8, 'p2#2'));
    expect(roles.rolesOf('p2#2', 9)).toEqual(['joiner']);
    expect(roles.rolesOf('p3', 9)).toEqual(['member']);
  });

  it('a crashed rank 0 hands the coordinator to the next live member; the sequencer stays it until a new view', () => {
    const roles = new TraceRoleTracker([], 3);
    group(roles, ['p1', 'p2', 'p3']);
    roles.observe(ev(5, 'crash', { node: 'p1' }));
    expect(roles.rolesOf('p2', 6)).toEqual(['coordinator']);
    for (const p of ['p2', 'p3']) roles.observe(view(9, p, 2, ['p2', 'p3']));
    expect(roles.rolesOf('p2', 10)).toEqual(['coordinator', 'sequencer']);
  });

  it('a leave marks the host process of the request time, until it exits; a later process of the host is not leaving', () => {
    const roles = new TraceRoleTracker([{ atUs: 10, host: 'p3' }], 3);
    group(roles, ['p1', 'p2', 'p3']);
    expect(roles.rolesOf('p3', 9)).toEqual(['member']);
    expect(roles.rolesOf('p3', 10)).toEqual(['leaver']);
    roles.observe(ev(15, 'exit', { node: 'p3', reason: 'left' }));
    expect(roles.rolesOf('p3', 16)).toEqual(['member']);
    roles.observe(start(20, 'p3#2'));
    expect(roles.rolesOf('p3#2', 21)).toEqual(['joiner']);
  });
});
