// The full stack's state and the per-step context every layer writes into.
import type { AppRequest, Effect, ExitReason, Observation, ProcessId, View } from '../types.ts';
import type { IsisLayers } from './config.ts';
import type { PendingExclusion } from './exclusion-notices.ts';
import type { KvMap } from './kv-app.ts';
import type { FlushReply, IsisBody, ViewProposal } from './messages.ts';
import type { IsisOptions } from './options.ts';
import type { Frame, TransportConfig, TransportState } from './transport.ts';
import type { ViewComm } from './view-comm.ts';

export type IsisFrame = Frame<IsisBody>;

/** A view change this process runs as coordinator. */
export interface Attempt {
  ballot: number;
  phase: 'flush' | 'accept';
  /** Members whose flush reply is still expected. */
  awaiting: ProcessId[];
  replies: Record<ProcessId, FlushReply>;
  /** The proposal, once phase 2 has begun. */
  value: ViewProposal | null;
  acceptedBy: ProcessId[];
  /**
   * Leavers that accepted and have since surely exited (their linger is
   * over): the only leavers the majority count may discount (timed world).
   */
  leaversGone: ProcessId[];
}

/** Group membership state, per view except joiners and the leave flag. */
export interface GmsState {
  /** Members of the current view this process believes failed. */
  suspects: ProcessId[];
  /** Processes asking to join (kept by whoever is or becomes coordinator). */
  joiners: ProcessId[];
  /** Members that asked to leave (coordinator side). */
  leavers: ProcessId[];
  /** This process asked to leave. */
  leaving: boolean;
  /** Highest ballot promised in this view (0: none). */
  promised: number;
  accepted: { ballot: number; value: ViewProposal } | null;
  /** A flush reply was sent: no more sending or delivering in this view. */
  frozen: boolean;
  attempt: Attempt | null;
  /** Highest ballot round seen in this view. */
  round: number;
  /** Failed attempts in this view (retry backoff). */
  tries: number;
}

export interface FdState {
  /** Heartbeat periods since we last heard from each member. */
  missed: Record<ProcessId, number>;
}

export interface IsisState {
  self: ProcessId;
  status: 'joining' | 'member' | 'exited';
  view: View | null;
  vc: ViewComm | null;
  gms: GmsState;
  fd: FdState;
  transport: TransportState<IsisBody>;
  app: KvMap;
  /** Requests held while there is no view, a flush is under way, or back-pressure applies. */
  queue: AppRequest[];
  /** Multicasts made so far (ids are `${self}:${n}`). */
  sent: number;
  /** Processes removed from views this process knows of (newest last, bounded). */
  removed: ProcessId[];
  /** Exclusion notices this process still resends (exclusion-notices.ts). */
  excluding: PendingExclusion[];
  /** Whom a joiner asks to let it in. */
  contacts: ProcessId[];
}

/** Everything a handler needs besides the state; `fx` collects the step's effects. */
export interface StepCtx {
  o: IsisOptions;
  layers: IsisLayers;
  cfg: TransportConfig;
  /** No periodic timers (reliable network and external failure detector: the model checker). */
  timersOff: boolean;
  fx: Effect<IsisFrame>[];
  /** Peers whose channel overflowed this step (suspected at the end of the step). */
  overflowed: ProcessId[];
  /** Set when the process decides to exit: emitted after every other effect of the step. */
  exit: ExitReason | null;
}

export const MAX_REMOVED = 256;
export const MAX_JOINERS = 64;

export function emptyGms(): GmsState {
  return {
    suspects: [],
    joiners: [],
    leavers: [],
    leaving: false,
    promised: 0,
    accepted: null,
    frozen: false,
    attempt: null,
    round: 0,
    tries: 0,
  };
}

export function observe(ctx: StepCtx, observation: Observation): void {
  ctx.fx.push({ kind: 'observe', observation });
}

export function note(ctx: StepCtx, text: string): void {
  ctx.fx.push({ kind: 'observe', observation: { type: 'note', text } });
}

export function setTimer(ctx: StepCtx, timer: string, delayUs: number): void {
  ctx.fx.push({ kind: 'setTimer', timer, delayUs });
}

/** The coordinator as this process sees it: the oldest member it does not suspect. */
export function coordinatorOf(s: IsisState): ProcessId | null {
  if (s.view === null) return null;
  for (const p of s.view.members) if (!s.gms.suspects.includes(p)) return p;
  return null;
}

export function isCoordinator(s: IsisState): boolean {
  return s.status === 'member' && coordinatorOf(s) === s.self;
}

/*
 * Copies of the state records are built as object literals in the field
 * order of their interface, never as spreads (`{ ...s, transport }`): V8's
 * CloneObject IC gives every spread site a map of its own, with no
 * transition back to the literal's, so the handlers met dozens of maps of
 * one record (65 of IsisState in a two-seed suite) and TurboFan deoptimised
 * and recompiled them again and again ("wrong map"), in every worker
 * isolate (BENCHMARKS.md, "Session 9: one map per state record"). Literals
 * with the same keys in the same order share one map. A copy is the
 * caller's to change in place until it returns it.
 */

/** A copy of `s` for the caller to change before anyone else sees it. */
export function copyState(s: IsisState): IsisState {
  return {
    self: s.self,
    status: s.status,
    view: s.view,
    vc: s.vc,
    gms: s.gms,
    fd: s.fd,
    transport: s.transport,
    app: s.app,
    queue: s.queue,
    sent: s.sent,
    removed: s.removed,
    excluding: s.excluding,
    contacts: s.contacts,
  };
}

export function withTransport(s: IsisState, transport: IsisState['transport']): IsisState {
  const out = copyState(s);
  out.transport = transport;
  return out;
}

export function withVc(s: IsisState, vc: ViewComm): IsisState {
  const out = copyState(s);
  out.vc = vc;
  return out;
}

export function withFd(s: IsisState, fd: FdState): IsisState {
  const out = copyState(s);
  out.fd = fd;
  return out;
}

/** A copy of `g` for the caller to change before anyone else sees it. */
export function copyGms(g: GmsState): GmsState {
  return {
    suspects: g.suspects,
    joiners: g.joiners,
    leavers: g.leavers,
    leaving: g.leaving,
    promised: g.promised,
    accepted: g.accepted,
    frozen: g.frozen,
    attempt: g.attempt,
    round: g.round,
    tries: g.tries,
  };
}

/** `s` with some membership fields replaced (view changes only: Object.assign is not the fast path). */
export function withGms(s: IsisState, patch: Partial<GmsState>): IsisState {
  const out = copyState(s);
  out.gms = Object.assign(copyGms(s.gms), patch);
  return out;
}

/** A copy of `a` for the caller to change before anyone else sees it. */
export function copyAttempt(a: Attempt): Attempt {
  return { ballot: a.ballot, phase: a.phase, awaiting: a.awaiting, replies: a.replies, value: a.value, acceptedBy: a.acceptedBy, leaversGone: a.leaversGone };
}

/** `a` with some fields replaced. */
export function withAttempt(a: Attempt, patch: Partial<Attempt>): Attempt {
  return Object.assign(copyAttempt(a), patch);
}

/** Ballots are unique per view: round-major, then the proposer's rank (older wins ties). */
export function makeBallot(round: number, rank: number, size: number): number {
  return round * size + (size - 1 - rank);
}

export function roundOf(ballot: number, size: number): number {
  return Math.floor(ballot / Math.max(1, size));
}

/** A reason for a view change exists (checked by the coordinator). */
export function needsViewChange(s: IsisState): boolean {
  const g = s.gms;
  if (s.view === null) return false;
  return g.frozen || g.leaving || g.joiners.length > 0 || g.leavers.length > 0 || g.suspects.some((p) => s.view!.members.includes(p));
}
