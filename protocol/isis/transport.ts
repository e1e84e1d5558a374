// The reliable transport: one channel per peer with sequence numbers,
// cumulative acknowledgements (piggybacked on data when there is data to
// send), a retransmission timer, duplicate suppression and a bounded reorder
// buffer. Real ISIS ran over an unreliable datagram network and brought this
// layer itself; everything above it assumes exactly-once delivery per channel.
//
// Modes:
// - 'ack': the real thing, for lossy networks (acks, retransmission, timers);
// - 'sequenced': a network that loses nothing (the model checker): frames are
//   numbered so FIFO order survives reordering, but there are no acks and no
//   timers;
// - 'raw': no numbering at all (CBCAST alone copes with reordering).
// `ordered: false` hands frames up as soon as they arrive (still exactly
// once): the CBCAST layer must then restore order itself.
import type { Effect, ProcessId } from '../types.ts';

export type TransportMode = 'ack' | 'sequenced' | 'raw';

export interface TransportConfig {
  mode: TransportMode;
  ordered: boolean;
  retransmitTimeoutUs: number;
  windowFrames: number;
  maxUnackedFrames: number;
  /** Acks wait this long for data to ride on, and go out together (0: at the end of each step). */
  ackDelayUs: number;
  /** Frames past the acknowledged one an ack also releases: 0 (absent) but in mutant ack-releases-next (IsisLayers.ackReleasesExactly). */
  releasedPastAck?: number;
}

/** What travels on the wire. `ack` is the highest contiguous seq received from the peer. */
export type Frame<B> =
  | { t: 'd'; seq: number; ack: number; body: B }
  | { t: 'a'; ack: number }
  | { t: 'r'; body: B };

export interface Channel<B> {
  /** Seq of the next frame we send (seqs start at 1). */
  nextSeq: number;
  /** Sent, not yet acknowledged, oldest first (mode 'ack' only). */
  unacked: { seq: number; body: B }[];
  /** Highest seq transmitted at least once; frames above wait for the window. */
  sentUpTo: number;
  rtArmed: boolean;
  /** Next seq expected from the peer. */
  recvNext: number;
  /** Frames that arrived ahead of recvNext: their body (ordered) or true (unordered, already handed up). */
  early: Record<string, B | true>;
  earlyCount: number;
}

export interface TransportState<B> {
  channels: Record<ProcessId, Channel<B>>;
  /** Peers we received data from and have not acknowledged yet. */
  ackOwed: ProcessId[];
  /** The delayed-ack timer is pending. */
  ackTimerArmed: boolean;
}

export function emptyTransport<B>(): TransportState<B> {
  return { channels: {}, ackOwed: [], ackTimerArmed: false };
}

export const ACK_TIMER = 'ack';

function newChannel<B>(): Channel<B> {
  return { nextSeq: 1, unacked: [], sentUpTo: 0, rtArmed: false, recvNext: 1, early: {}, earlyCount: 0 };
}

/*
 * Copies of a channel or a transport state are object literals in the field
 * order of newChannel and emptyTransport, never spreads: V8 gives each spread
 * site a map of its own, and the handlers deoptimised on them (copyState in
 * isis-state.ts says more). A copy is the caller's to change until it returns it.
 */
function copyChannel<B>(ch: Channel<B>): Channel<B> {
  return { nextSeq: ch.nextSeq, unacked: ch.unacked, sentUpTo: ch.sentUpTo, rtArmed: ch.rtArmed, recvNext: ch.recvNext, early: ch.early, earlyCount: ch.earlyCount };
}

function withRtArmed<B>(ch: Channel<B>, rtArmed: boolean): Channel<B> {
  const out = copyChannel(ch);
  out.rtArmed = rtArmed;
  return out;
}

function withAckOwed<B>(ts: TransportState<B>, ackOwed: ProcessId[]): TransportState<B> {
  return { channels: ts.channels, ackOwed, ackTimerArmed: ts.ackTimerArmed };
}

export function retransmitTimer(peer: ProcessId): string {
  return `rt:${peer}`;
}

/** The peer a retransmission timer tag belongs to, or null. */
export function retransmitTimerPeer(timer: string): ProcessId | null {
  return timer.startsWith('rt:') ? timer.slice(3) : null;
}

function withChannel<B>(ts: TransportState<B>, peer: ProcessId, ch: Channel<B>): TransportState<B> {
  return { channels: withEntry(ts.channels, peer, ch), ackOwed: ts.ackOwed, ackTimerArmed: ts.ackTimerArmed };
}

/** A copy of `channels` with `peer`'s entry set (a copy, then a store: a spread with a computed key takes a slower path in V8). */
function withEntry<B>(channels: Record<ProcessId, Channel<B>>, peer: ProcessId, ch: Channel<B>): Record<ProcessId, Channel<B>> {
  const out = { ...channels };
  out[peer] = ch;
  return out;
}

function clearOwed<B>(ts: TransportState<B>, peer: ProcessId): TransportState<B> {
  return ts.ackOwed.includes(peer) ? withAckOwed(ts, ts.ackOwed.filter((p) => p !== peer)) : ts;
}

export interface SendResult<B> {
  ts: TransportState<B>;
  /** The peer has more unacknowledged frames than allowed: the caller should suspect it. */
  overflow: boolean;
}

/** Queues `body` for `to` and transmits it if the window allows. */
export function transportSend<B>(
  ts: TransportState<B>,
  to: ProcessId,
  body: B,
  cfg: TransportConfig,
  fx: Effect<Frame<B>>[],
): SendResult<B> {
  if (cfg.mode === 'raw') {
    fx.push({ kind: 'send', to, msg: { t: 'r', body } });
    return { ts, overflow: false };
  }
  const draft = transportDraft(ts);
  const overflow = sendInDraft(draft, to, body, cfg, fx);
  return { ts: draft, overflow };
}

/**
 * A copy of `ts` for one caller to change in place with sendInDraft: its
 * channel record is its own, its ackOwed array is replaced, never changed.
 * Sending to every member builds one new transport state this way, where
 * one transportSend per member built a state, a channel record and an
 * ackOwed array each (about a tenth of a suite's allocation).
 */
export function transportDraft<B>(ts: TransportState<B>): TransportState<B> {
  return { channels: { ...ts.channels }, ackOwed: ts.ackOwed, ackTimerArmed: ts.ackTimerArmed };
}

/**
 * transportSend into a draft (transportDraft) that nothing else has seen
 * yet: changes `draft` in place. Returns true when the peer has more
 * unacknowledged frames than allowed (the caller should suspect it).
 */
export function sendInDraft<B>(draft: TransportState<B>, to: ProcessId, body: B, cfg: TransportConfig, fx: Effect<Frame<B>>[]): boolean {
  if (cfg.mode === 'raw') {
    fx.push({ kind: 'send', to, msg: { t: 'r', body } });
    return false;
  }
  const ch = draft.channels[to] ?? newChannel<B>();
  const seq = ch.nextSeq;
  const ack = ch.recvNext - 1;
  if (cfg.mode === 'sequenced') {
    fx.push({ kind: 'send', to, msg: { t: 'd', seq, ack, body } });
    const next = copyChannel(ch);
    next.nextSeq = seq + 1;
    draft.channels[to] = next;
    return false;
  }
  const unacked = [...ch.unacked, { seq, body }];
  const firstUnacked = unacked[0]?.seq ?? seq;
  // A new object, so its fields may be set below.
  const next = copyChannel(ch);
  next.nextSeq = seq + 1;
  next.unacked = unacked;
  if (seq < firstUnacked + cfg.windowFrames) {
    fx.push({ kind: 'send', to, msg: { t: 'd', seq, ack, body } });
    next.sentUpTo = seq;
    if (draft.ackOwed.includes(to)) draft.ackOwed = draft.ackOwed.filter((p) => p !== to);
    if (!next.rtArmed) {
      fx.push({ kind: 'setTimer', timer: retransmitTimer(to), delayUs: cfg.retransmitTimeoutUs });
      next.rtArmed = true;
    }
  }
  draft.channels[to] = next;
  return unacked.length > cfg.maxUnackedFrames;
}

function applyAck<B>(ch: Channel<B>, ack: number, peer: ProcessId, cfg: TransportConfig, fx: Effect<Frame<B>>[]): Channel<B> {
  const first = ch.unacked[0]?.seq;
  if (first === undefined || first > ack) return ch;
  // Unacknowledged seqs are contiguous, so positions follow from seq numbers.
  const unacked = ch.unacked.slice(Math.min(ack - first + 1 + (cfg.releasedPastAck ?? 0), ch.unacked.length));
  let sentUpTo = ch.sentUpTo;
  const base = unacked[0]?.seq ?? ch.nextSeq;
  // The window slid: transmit the frames that now fit.
  const limit = base + cfg.windowFrames;
  for (let k = Math.max(0, sentUpTo + 1 - base); k < unacked.length; k++) {
    const f = unacked[k] as { seq: number; body: B };
    if (f.seq >= limit) break;
    fx.push({ kind: 'send', to: peer, msg: { t: 'd', seq: f.seq, ack: ch.recvNext - 1, body: f.body } });
    sentUpTo = f.seq;
  }
  let rtArmed = ch.rtArmed;
  if (unacked.length === 0 && rtArmed) {
    fx.push({ kind: 'cancelTimer', timer: retransmitTimer(peer) });
    rtArmed = false;
  }
  const out = copyChannel(ch);
  out.unacked = unacked;
  out.sentUpTo = sentUpTo;
  out.rtArmed = rtArmed;
  return out;
}

export interface ReceiveResult<B> {
  ts: TransportState<B>;
  /** Bodies to hand up, in the order the upper layer must see them. */
  bodies: B[];
}

/** Handles one frame from `from`: acks, duplicates, reordering. */
export function transportReceive<B>(
  ts: TransportState<B>,
  from: ProcessId,
  frame: Frame<B>,
  cfg: TransportConfig,
  fx: Effect<Frame<B>>[],
): ReceiveResult<B> {
  switch (frame.t) {
    case 'r':
      return { ts, bodies: [frame.body] };
    case 'a': {
      const ch = ts.channels[from];
      if (ch === undefined || cfg.mode !== 'ack') return { ts, bodies: [] };
      return { ts: withChannel(ts, from, applyAck(ch, frame.ack, from, cfg, fx)), bodies: [] };
    }
    case 'd':
      return receiveData(ts, from, frame, cfg, fx);
  }
}

function receiveData<B>(
  ts: TransportState<B>,
  from: ProcessId,
  frame: { seq: number; ack: number; body: B },
  cfg: TransportConfig,
  fx: Effect<Frame<B>>[],
): ReceiveResult<B> {
  const known = ts.channels[from];
  let ch = known ?? newChannel<B>();
  if (cfg.mode === 'ack') ch = applyAck(ch, frame.ack, from, cfg, fx);
  const owe = cfg.mode === 'ack';
  const seq = frame.seq;
  // The reorder buffer holds at most a window (the sender never runs further ahead).
  const aheadLimit = cfg.mode === 'ack' ? cfg.windowFrames : cfg.maxUnackedFrames;
  if (seq < ch.recvNext || seq >= ch.recvNext + aheadLimit || ch.early[seq] !== undefined) {
    // A duplicate (or beyond the buffer): re-acknowledge so the sender stops resending.
    return { ts: withChannelOwed(ts, from, ch, owe), bodies: [] };
  }
  if (seq === ch.recvNext && ch.earlyCount === 0) {
    // The common case: the next frame, nothing buffered. A channel applyAck or newChannel
    // just made is this step's own, so it takes the new recvNext in place.
    if (ch === known) ch = copyChannel(ch);
    ch.recvNext = seq + 1;
    return { ts: withChannelOwed(ts, from, ch, owe), bodies: [frame.body] };
  }
  const bodies: B[] = [];
  let early: Record<string, B | true>;
  let earlyCount = ch.earlyCount;
  let recvNext = ch.recvNext;
  if (seq !== recvNext) {
    // Ahead of a gap: buffered (recvNext itself is never buffered, so no gap closes here).
    early = { ...ch.early };
    early[seq] = cfg.ordered ? frame.body : true;
    earlyCount++;
    if (!cfg.ordered) bodies.push(frame.body);
  } else {
    bodies.push(frame.body);
    recvNext++;
    // Close the gap: hand up (or just skip over) the frames that were waiting...
    for (let guard = earlyCount; guard > 0; guard--) {
      const waiting = ch.early[recvNext];
      if (waiting === undefined) break;
      earlyCount--;
      if (waiting !== true) bodies.push(waiting);
      recvNext++;
    }
    // ...and keep the rest, the ones above the new recvNext: one copy, where deleting each drained
    // entry from a copy made it a slow dictionary. Integer keys: any object lists them in ascending order.
    early = {};
    if (earlyCount > 0) for (const key in ch.early) if (Number(key) >= recvNext) early[key] = ch.early[key] as B | true;
  }
  const next = copyChannel(ch);
  next.early = early;
  next.earlyCount = earlyCount;
  next.recvNext = recvNext;
  return { ts: withChannelOwed(ts, from, next, owe), bodies };
}

/** withChannel, and an ack owed to `peer` when `owe`, in one new state (the channel unchanged: no new record). */
function withChannelOwed<B>(ts: TransportState<B>, peer: ProcessId, ch: Channel<B>, owe: boolean): TransportState<B> {
  const ackOwed = !owe || ts.ackOwed.includes(peer) ? ts.ackOwed : [...ts.ackOwed, peer];
  if (ch === ts.channels[peer]) return ackOwed === ts.ackOwed ? ts : withAckOwed(ts, ackOwed);
  return { channels: withEntry(ts.channels, peer, ch), ackOwed, ackTimerArmed: ts.ackTimerArmed };
}

/** Retransmits the frames in the window to `peer` and re-arms its timer. */
export function transportTimer<B>(
  ts: TransportState<B>,
  peer: ProcessId,
  cfg: TransportConfig,
  fx: Effect<Frame<B>>[],
): TransportState<B> {
  const ch = ts.channels[peer];
  if (ch === undefined) return ts;
  if (ch.unacked.length === 0) return withChannel(ts, peer, withRtArmed(ch, false));
  for (const f of ch.unacked) {
    if (f.seq > ch.sentUpTo) break;
    fx.push({ kind: 'send', to: peer, msg: { t: 'd', seq: f.seq, ack: ch.recvNext - 1, body: f.body } });
  }
  fx.push({ kind: 'setTimer', timer: retransmitTimer(peer), delayUs: cfg.retransmitTimeoutUs });
  return clearOwed(withChannel(ts, peer, withRtArmed(ch, true)), peer);
}

/**
 * End of a handler step: acknowledgements no outgoing data frame carried
 * go out now, or (with a delay) when the ack timer fires, all together.
 */
export function transportFlushAcks<B>(ts: TransportState<B>, cfg: TransportConfig, fx: Effect<Frame<B>>[]): TransportState<B> {
  if (ts.ackOwed.length === 0) return ts;
  if (cfg.ackDelayUs > 0) {
    if (ts.ackTimerArmed) return ts;
    fx.push({ kind: 'setTimer', timer: ACK_TIMER, delayUs: cfg.ackDelayUs });
    return { channels: ts.channels, ackOwed: ts.ackOwed, ackTimerArmed: true };
  }
  return sendOwedAcks(ts, fx);
}

/** The delayed-ack timer fired. */
export function transportAckTimer<B>(ts: TransportState<B>, fx: Effect<Frame<B>>[]): TransportState<B> {
  if (ts.ackOwed.length === 0) return { channels: ts.channels, ackOwed: ts.ackOwed, ackTimerArmed: false };
  for (const peer of ts.ackOwed) sendAck(ts, peer, fx);
  return { channels: ts.channels, ackOwed: [], ackTimerArmed: false };
}

function sendAck<B>(ts: TransportState<B>, peer: ProcessId, fx: Effect<Frame<B>>[]): void {
  const ch = ts.channels[peer];
  if (ch !== undefined) fx.push({ kind: 'send', to: peer, msg: { t: 'a', ack: ch.recvNext - 1 } });
}

function sendOwedAcks<B>(ts: TransportState<B>, fx: Effect<Frame<B>>[]): TransportState<B> {
  if (ts.ackOwed.length === 0) return ts;
  for (const peer of ts.ackOwed) sendAck(ts, peer, fx);
  return withAckOwed(ts, []);
}

/** Forgets a peer for good (it left the group): no more retransmission to it. */
export function transportDrop<B>(ts: TransportState<B>, peer: ProcessId, fx: Effect<Frame<B>>[]): TransportState<B> {
  const ch = ts.channels[peer];
  if (ch === undefined) return ts;
  if (ch.rtArmed) fx.push({ kind: 'cancelTimer', timer: retransmitTimer(peer) });
  const channels = { ...ts.channels };
  delete channels[peer];
  return { channels, ackOwed: ts.ackOwed.filter((p) => p !== peer), ackTimerArmed: ts.ackTimerArmed };
}

/**
 * Throws away what `peer` has not acknowledged, as if it had been (the
 * channel's numbering goes on). Never right: only the mutant
 * retransmit-reset calls it (IsisLayers.keepUnackedAcrossViews).
 */
export function transportForgetUnacked<B>(ts: TransportState<B>, peer: ProcessId, fx: Effect<Frame<B>>[]): TransportState<B> {
  const ch = ts.channels[peer];
  if (ch === undefined || ch.unacked.length === 0) return ts;
  if (ch.rtArmed) fx.push({ kind: 'cancelTimer', timer: retransmitTimer(peer) });
  const next = withRtArmed(ch, false);
  next.unacked = [];
  next.sentUpTo = ch.nextSeq - 1;
  return withChannel(ts, peer, next);
}

/** True when every frame we sent has been acknowledged. */
export function transportIdle<B>(ts: TransportState<B>): boolean {
  for (const peer in ts.channels) if ((ts.channels[peer]?.unacked.length ?? 0) > 0) return false;
  return true;
}

/** Unacknowledged frames to `peer` (0 for an unknown peer). */
export function unackedCount<B>(ts: TransportState<B>, peer: ProcessId): number {
  return ts.channels[peer]?.unacked.length ?? 0;
}
