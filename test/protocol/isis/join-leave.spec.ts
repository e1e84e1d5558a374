// Join requests held by a member that is then excluded (protocol/isis/join-leave.ts,
// onExcluded and onJoinersHandedOver): the member hands them over in its
// exclusion acknowledgement, so the later view still admits the joiner.
import { describe, expect, it } from 'vitest';
import type { IsisState } from '../../../protocol/isis/isis-state.ts';
import type { IsisBody } from '../../../protocol/isis/messages.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import type { Effect } from '../../../protocol/types.ts';
import { loadScenarioFile } from '../../../sim/scenario-files.ts';
import { describeFailure, runIsis } from './run-helper.ts';

const protocol = makeIsisProtocol({});

function member(self: string, members: string[], joiners: string[] = []): IsisState {
  const s = protocol.init({ self }, { mode: 'member', initialMembers: members }).state;
  return { ...s, gms: { ...s.gms, joiners } };
}

/** The raw bodies a step sends, with their destination. */
function rawSends(effects: readonly Effect<unknown>[]): { to: string; body: IsisBody }[] {
  const out: { to: string; body: IsisBody }[] = [];
  for (const e of effects) {
    if (e.kind !== 'send') continue;
    const msg = e.msg as { t: string; body?: IsisBody };
    if (msg.t === 'r' && msg.body !== undefined) out.push({ to: e.to, body: msg.body });
  }
  return out;
}

describe('join requests held by an excluded member', () => {
  it('go, with the acknowledgement, to the member whose notice excludes it', () => {
    const s = member('p2', ['p1', 'p2', 'p3'], ['p9#2']);
    const step = protocol.onMessage(s, 'p4#2', { t: 'r', body: { k: 'excl', view: 5 } }, { self: 'p2' });
    expect(step.state.status).toBe('exited');
    const acks = rawSends(step.effects).filter((m) => m.body.k === 'xack');
    expect(acks).toEqual([{ to: 'p4#2', body: { k: 'xack', view: 5, joiners: ['p9#2'] } }]);
  });

  it('leave the acknowledgement as it was when there are none', () => {
    const s = member('p2', ['p1', 'p2', 'p3']);
    const step = protocol.onMessage(s, 'p4#2', { t: 'r', body: { k: 'excl', view: 5 } }, { self: 'p2' });
    const acks = rawSends(step.effects).filter((m) => m.body.k === 'xack');
    expect(acks).toEqual([{ to: 'p4#2', body: { k: 'xack', view: 5 } }]);
  });

  it('are taken over by the receiver: pending, and forwarded to its coordinator', () => {
    // p3 is a member of {p1, p2, p3} and p1 coordinates; p8 already left
    // (removed), p2 is a member: only p9#2 is a new pending joiner.
    const base = member('p3', ['p1', 'p2', 'p3']);
    const s: IsisState = { ...base, removed: ['p8'] };
    const step = protocol.onMessage(s, 'p7', { t: 'r', body: { k: 'xack', view: 1, joiners: ['p9#2', 'p2', 'p8'] } }, { self: 'p3' });
    expect(step.state.gms.joiners).toEqual(['p9#2']);
    const joins = rawSends(step.effects).filter((m) => m.body.k === 'join');
    expect(joins).toEqual([{ to: 'p1', body: { k: 'join', joiner: 'p9#2' } }]);
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
