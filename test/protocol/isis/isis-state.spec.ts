import { describe, expect, it } from 'vitest';
import { copyAttempt, copyGms, copyState, emptyGms, withAttempt, withFd, withGms, withTransport, withVc, type Attempt } from '../../../protocol/isis/isis-state.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { emptyTransport } from '../../../protocol/isis/transport.ts';

const members = ['p1', 'p2', 'p3'];
const member = makeIsisProtocol({}).init({ self: 'p1' }, { mode: 'member', initialMembers: members }).state;
const joiner = makeIsisProtocol({}).init({ self: 'p4' }, { mode: 'join', contacts: members }).state;

describe('copies of the ISIS state records', () => {
  it("keep init's fields in its order, for members and joiners alike, and leave the original as it was", () => {
    // One field order is what lets V8 share one map between all states (and it reaches the generic hash).
    expect(Object.keys(joiner)).toEqual(Object.keys(member));
    const before = JSON.stringify(member);
    const copies = [
      copyState(member),
      withTransport(member, emptyTransport()),
      withVc(member, member.vc!),
      withFd(member, { missed: {} }),
      withGms(member, { frozen: true }),
    ];
    for (const copy of copies) {
      expect(copy).not.toBe(member);
      expect(Object.keys(copy)).toEqual(Object.keys(member));
    }
    expect(copyState(member)).toEqual(member);
    expect(withGms(member, { frozen: true }).gms).toEqual({ ...member.gms, frozen: true });
    expect(JSON.stringify(member)).toBe(before);
  });

  it("copy membership records in emptyGms' and an attempt's field order", () => {
    const gms = emptyGms();
    expect(Object.keys(copyGms(gms))).toEqual(Object.keys(gms));
    const attempt: Attempt = { ballot: 3, phase: 'flush', awaiting: ['p2'], replies: {}, value: null, acceptedBy: [], leaversGone: [] };
    expect(copyAttempt(attempt)).toEqual(attempt);
    const accepted = withAttempt(attempt, { phase: 'accept', acceptedBy: ['p1'] });
    expect(Object.keys(accepted)).toEqual(Object.keys(attempt));
    expect(accepted).toEqual({ ...attempt, phase: 'accept', acceptedBy: ['p1'] });
    expect(attempt.phase).toBe('flush');
  });
});
