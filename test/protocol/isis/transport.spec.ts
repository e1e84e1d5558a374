import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../protocol/types.ts';
import {
  ACK_TIMER,
  emptyTransport,
  sendInDraft,
  transportDraft,
  transportAckTimer,
  transportDrop,
  transportFlushAcks,
  transportIdle,
  transportReceive,
  transportSend,
  transportTimer,
  type Frame,
  type TransportConfig,
  type TransportState,
} from '../../../protocol/isis/transport.ts';

type Fx = Effect<Frame<string>>[];
const ack: TransportConfig = { mode: 'ack', ordered: true, retransmitTimeoutUs: 1000, windowFrames: 4, maxUnackedFrames: 6, ackDelayUs: 0 };

function sends(fx: Fx): Frame<string>[] {
  return fx.flatMap((e) => (e.kind === 'send' ? [e.msg] : []));
}

function sendAll(bodies: string[], cfg = ack): { ts: TransportState<string>; frames: Frame<string>[]; fx: Fx } {
  let ts = emptyTransport<string>();
  const fx: Fx = [];
  for (const b of bodies) ts = transportSend(ts, 'q', b, cfg, fx).ts;
  return { ts, frames: sends(fx), fx };
}

function receiveAll(frames: Frame<string>[], cfg = ack): { ts: TransportState<string>; got: string[]; fx: Fx } {
  let ts = emptyTransport<string>();
  const got: string[] = [];
  const fx: Fx = [];
  for (const f of frames) {
    const r = transportReceive(ts, 'p', f, cfg, fx);
    ts = r.ts;
    got.push(...r.bodies);
  }
  return { ts: transportFlushAcks(ts, cfg, fx), got, fx };
}

describe('reliable FIFO transport', () => {
  it('sending into one draft to several peers gives the state and effects of one transportSend each, and leaves the original alone', () => {
    // Peer p owes an ack and has a frame in flight; r is new; the window of 4 is full for q after the loop.
    let start = emptyTransport<string>();
    const setup: Fx = [];
    start = transportReceive(start, 'p', { t: 'd', seq: 1, ack: 0, body: 'in' }, ack, setup).ts;
    for (const b of ['a', 'b', 'c', 'd']) start = transportSend(start, 'q', b, ack, setup).ts;
    const frozen = JSON.stringify(start);
    for (const cfg of [ack, { ...ack, mode: 'sequenced' as const }, { ...ack, maxUnackedFrames: 4 }]) {
      const oneByOne: Fx = [];
      let ts = start;
      const overflowOneByOne: boolean[] = [];
      for (const peer of ['p', 'q', 'r']) {
        const sent = transportSend(ts, peer, 'x', cfg, oneByOne);
        ts = sent.ts;
        overflowOneByOne.push(sent.overflow);
      }
      const drafted: Fx = [];
      const draft = transportDraft(start);
      const overflowDrafted = ['p', 'q', 'r'].map((peer) => sendInDraft(draft, peer, 'x', cfg, drafted));
      expect(draft).toEqual(ts);
      expect(JSON.stringify(draft)).toBe(JSON.stringify(ts)); // the same key order too (the explorer hashes it)
      expect(drafted).toEqual(oneByOne);
      expect(overflowDrafted).toEqual(overflowOneByOne);
      expect(JSON.stringify(start)).toBe(frozen);
    }
  });

  it('closing a gap hands up every waiting frame in order and keeps the ones beyond the next gap', () => {
    const frames: Frame<string>[] = [5, 3, 4, 7, 2, 1].map((seq) => ({ t: 'd', seq, ack: 0, body: `m${seq}` }));
    const { ts, got } = receiveAll(frames, { ...ack, windowFrames: 16 });
    expect(got).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const ch = ts.channels['p'];
    expect(ch?.recvNext).toBe(6);
    expect(ch?.early).toEqual({ 7: 'm7' });
    expect(ch?.earlyCount).toBe(1);
  });

  it('numbers frames, arms one retransmission timer, and holds frames beyond the window', () => {
    const { frames, fx, ts } = sendAll(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(frames.map((f) => (f.t === 'd' ? f.seq : 0))).toEqual([1, 2, 3, 4]);
    expect(fx.filter((e) => e.kind === 'setTimer')).toEqual([{ kind: 'setTimer', timer: 'rt:q', delayUs: 1000 }]);
    expect(ts.channels['q']?.unacked).toHaveLength(6);
    expect(transportIdle(ts)).toBe(false);
  });

  it('delivers exactly once and in order despite reordering and duplicates', () => {
    const { frames } = sendAll(['a', 'b', 'c', 'd']);
    const shuffled = [frames[2], frames[0], frames[2], frames[3], frames[1], frames[0], frames[3]] as Frame<string>[];
    expect(receiveAll(shuffled).got).toEqual(['a', 'b', 'c', 'd']);
  });

  it('with ordered: false hands frames up on arrival, still exactly once', () => {
    const cfg = { ...ack, ordered: false };
    const { frames } = sendAll(['a', 'b', 'c'], cfg);
    const r = receiveAll([frames[2], frames[0], frames[2], frames[1], frames[0]] as Frame<string>[], cfg);
    expect(r.got).toEqual(['c', 'a', 'b']);
    expect(r.ts.channels['p']?.recvNext).toBe(4);
    expect(r.ts.channels['p']?.earlyCount).toBe(0);
  });

  it('acknowledges cumulatively; the ack slides the window and cancels the timer when all is acknowledged', () => {
    const s = sendAll(['a', 'b', 'c', 'd', 'e', 'f']);
    const r = receiveAll(s.frames);
    const acks = sends(r.fx).filter((f) => f.t === 'a');
    expect(acks).toEqual([{ t: 'a', ack: 4 }]);
    const fx: Fx = [];
    let ts = transportReceive(s.ts, 'q', { t: 'a', ack: 4 }, ack, fx).ts;
    expect(sends(fx).map((f) => (f.t === 'd' ? f.body : ''))).toEqual(['e', 'f']);
    const fx2: Fx = [];
    ts = transportReceive(ts, 'q', { t: 'a', ack: 6 }, ack, fx2).ts;
    expect(fx2).toContainEqual({ kind: 'cancelTimer', timer: 'rt:q' });
    expect(transportIdle(ts)).toBe(true);
  });

  it('piggybacks the ack on data and owes no separate ack then', () => {
    const fx: Fx = [];
    let ts = transportReceive(emptyTransport<string>(), 'q', { t: 'd', seq: 1, ack: 0, body: 'x' }, ack, fx).ts;
    ts = transportSend(ts, 'q', 'reply', ack, fx).ts;
    ts = transportFlushAcks(ts, ack, fx);
    const out = sends(fx);
    expect(out).toEqual([{ t: 'd', seq: 1, ack: 1, body: 'reply' }]);
  });

  it('with an ack delay, owed acks wait for one timer and then go out together', () => {
    const delayed = { ...ack, ackDelayUs: 500 };
    const fx: Fx = [];
    let ts = transportReceive(emptyTransport<string>(), 'q', { t: 'd', seq: 1, ack: 0, body: 'x' }, delayed, fx).ts;
    ts = transportReceive(ts, 'r', { t: 'd', seq: 1, ack: 0, body: 'y' }, delayed, fx).ts;
    ts = transportFlushAcks(ts, delayed, fx);
    ts = transportFlushAcks(ts, delayed, fx);
    expect(fx).toEqual([{ kind: 'setTimer', timer: ACK_TIMER, delayUs: 500 }]);
    const fired: Fx = [];
    ts = transportAckTimer(ts, fired);
    expect(sends(fired)).toEqual([{ t: 'a', ack: 1 }, { t: 'a', ack: 1 }]);
    expect(ts.ackOwed).toEqual([]);
    expect(ts.ackTimerArmed).toBe(false);
  });

  it('retransmits unacknowledged frames in the window when the timer fires', () => {
    const s = sendAll(['a', 'b', 'c', 'd', 'e']);
    const fx: Fx = [];
    transportTimer(s.ts, 'q', ack, fx);
    expect(sends(fx).map((f) => (f.t === 'd' ? f.seq : 0))).toEqual([1, 2, 3, 4]);
    expect(fx.at(-1)).toEqual({ kind: 'setTimer', timer: 'rt:q', delayUs: 1000 });
  });

  it('re-acknowledges a duplicate so the sender stops resending', () => {
    const fx: Fx = [];
    let ts = transportReceive(emptyTransport<string>(), 'q', { t: 'd', seq: 1, ack: 0, body: 'x' }, ack, fx).ts;
    ts = transportFlushAcks(ts, ack, fx);
    const again: Fx = [];
    const r = transportReceive(ts, 'q', { t: 'd', seq: 1, ack: 0, body: 'x' }, ack, again);
    expect(r.bodies).toEqual([]);
    transportFlushAcks(r.ts, ack, again);
    expect(sends(again)).toEqual([{ t: 'a', ack: 1 }]);
  });

  it('bounds the reorder buffer to the window and reports overflow of unacked frames', () => {
    const r = receiveAll([{ t: 'd', seq: 50, ack: 0, body: 'far' }]);
    expect(r.got).toEqual([]);
    expect(r.ts.channels['p']?.earlyCount).toBe(0);
    let ts = emptyTransport<string>();
    const fx: Fx = [];
    const overflows: boolean[] = [];
    for (let k = 0; k < 8; k++) {
      const res = transportSend(ts, 'q', `m${k}`, ack, fx);
      ts = res.ts;
      overflows.push(res.overflow);
    }
    expect(overflows).toEqual([false, false, false, false, false, false, true, true]);
  });

  it('sequenced mode numbers frames for FIFO order but sends no acks and sets no timers', () => {
    const cfg: TransportConfig = { ...ack, mode: 'sequenced' };
    const s = sendAll(['a', 'b', 'c'], cfg);
    expect(s.fx.every((e) => e.kind === 'send')).toBe(true);
    const r = receiveAll([s.frames[1], s.frames[2], s.frames[0]] as Frame<string>[], cfg);
    expect(r.got).toEqual(['a', 'b', 'c']);
    expect(r.fx).toEqual([]);
  });

  it('raw mode sends unnumbered frames', () => {
    const s = sendAll(['a'], { ...ack, mode: 'raw' });
    expect(s.frames).toEqual([{ t: 'r', body: 'a' }]);
  });

  it('forgets a dropped peer and cancels its timer', () => {
    const s = sendAll(['a']);
    const fx: Fx = [];
    const ts = transportDrop(s.ts, 'q', fx);
    expect(ts.channels['q']).toBeUndefined();
    expect(fx).toEqual([{ kind: 'cancelTimer', timer: 'rt:q' }]);
    expect(transportIdle(ts)).toBe(true);
  });

  it('never mutates its input state', () => {
    const s = sendAll(['a', 'b']);
    const before = JSON.stringify(s.ts);
    const fx: Fx = [];
    transportSend(s.ts, 'q', 'c', ack, fx);
    transportReceive(s.ts, 'q', { t: 'a', ack: 1 }, ack, fx);
    transportTimer(s.ts, 'q', ack, fx);
    expect(JSON.stringify(s.ts)).toBe(before);
  });
});
