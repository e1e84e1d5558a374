// Join requests held by a member that is then excluded (protocol/isis/join-leave.ts,
// onExcluded and onJoinersHandedOver): the member hands them over in its
// exclusion acknowledgement, so the later view still admits the joiner.
import { describe, expect, it } from 'vitest';
import type { IsisState } from '../../../protocol/isis/isis-state.ts';
import type { IsisBody } from '../../../protocol/isis/messages.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { loadScenarioFile } from '../../../sim/scenario-files.ts';
import { Harness } from './harness.ts';
import { describeFailure, runIsis } from './run-helper.ts';

/**
 * `self` alone started as a member of `members` (the others never run, so
 * what it sends stays in flight), with pending joiners and removed processes set.
 */
function memberAlone(self: string, members: string[], gmsJoiners: string[], removed: string[] = []): Harness {
  const h = new Harness(makeIsisProtocol({}));
  h.start(self, { mode: 'member', initialMembers: members });
  const s = h.state<IsisState>(self);
  h.states.set(self, { ...s, removed, gms: { ...s.gms, joiners: gmsJoiners } });
  return h;
}

/** What `self` receives raw from `from`, and the raw bodies it sends in answer. */
function receiveRaw(h: Harness, self: string, from: string, body: IsisBody): { to: string; body: IsisBody }[] {
  const before = h.inFlight.length;
  h.inFlight.push({ from, to: self, msg: { t: 'r', body } });
  h.deliver(before);
  const out: { to: string; body: IsisBody }[] = [];
  for (const m of h.inFlight.slice(before)) {
    const msg = m.msg as { t: string; body?: IsisBody };
    if (m.from === self && msg.t === 'r' && msg.body !== undefined) out.push({ to: m.to, body: msg.body });
  }
  return out;
}

describe('join requests held by an excluded member', () => {
  it('go, with the acknowledgement, to the member whose notice excludes it', () => {
    const h = memberAlone('p2', ['p1', 'p2', 'p3'], ['p9#2']);
    const sent = receiveRaw(h, 'p2', 'p4#2', { k: 'excl', view: 5 });
    expect(h.exited('p2')).toBe(true);
    expect(sent.filter((m) => m.body.k === 'xack')).toEqual([{ to: 'p4#2', body: { k: 'xack', view: 5, joiners: ['p9#2'] } }]);
  });

  it('leave the acknowledgement as it was when there are none', () => {
    const h = memberAlone('p2', ['p1', 'p2', 'p3'], []);
    const sent = receiveRaw(h, 'p2', 'p4#2', { k: 'excl', view: 5 });
    expect(sent.filter((m) => m.body.k === 'xack')).toEqual([{ to: 'p4#2', body: { k: 'xack', view: 5 } }]);
  });

  it('are taken over by the receiver: pending, and forwarded to its coordinator', () => {
    // p3 is a member of {p1, p2, p3} and p1 coordinates; p8 was removed,
    // p2 is a member: only p9#2 is a new pending joiner.
    const h = memberAlone('p3', ['p1', 'p2', 'p3'], [], ['p8']);
    const sent = receiveRaw(h, 'p3', 'p7', { k: 'xack', view: 1, joiners: ['p9#2', 'p2', 'p8'] });
    expect(h.state<IsisState>('p3').gms.joiners).toEqual(['p9#2']);
    expect(sent.filter((m) => m.body.k === 'join')).toEqual([{ to: 'p1', body: { k: 'join', joiner: 'p9#2' } }]);
  });

  it('let a joiner in whose contacts are all gone (excluded-while-cut-off seed 18, shrunk)', () => {
    // p1#2's requests reached p5, p4 and p2 only while each was cut off
    // from the majority, which excluded each in turn; before the fix p1#2
    // never got in (view-convergence). Now p5's acknowledgement hands it on.
    const loaded = loadScenarioFile('scenarios/regressions/joiner-held-by-excluded-member.json');
    const run = runIsis({ ...loaded.forSeed(18), detail: 'net' }, '18', true);
    expect(run.result.passed, describeFailure(run)).toBe(true);
    const joinerViews = run.lines.filter((e) => e['type'] === 'view' && e['node'] === 'p1#2');
    expect(joinerViews.length, 'p1#2 installs a view').toBeGreaterThan(0);
    const excluded = run.lines.filter((e) => e['type'] === 'exit' && e['reason'] === 'excluded').map((e) => e['node']);
    expect(excluded, 'the run still excludes a contact of p1#2 that held its request').toContain('p5');
  });
});
