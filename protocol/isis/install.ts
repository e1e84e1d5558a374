// Installing a decided view. An old member first delivers what the flush
// decision says (flush.ts), then installs; a joiner takes the application
// state carried by the install message (state transfer) and installs.
//
// Every process that installs a view relays the install message to the
// other members over its FIFO channels before it sends anything in the new
// view. So a member always receives the new view before any message sent
// in it (the view change is ordered against all multicasts, like GBCAST),
// and a coordinator that fails halfway through sending installs cannot
// leave some members behind.
import type { ExitReason, ProcessId } from '../types.ts';
import { heard, permanentSuspicions, startHeartbeats, trackMembers } from './failure-detector.ts';
import { oweExclusionNotices, type PendingExclusion } from './exclusion-notices.ts';
import { applyFlush } from './flush.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { copyState, emptyGms, MAX_REMOVED, note, observe, withTransport } from './isis-state.ts';
import type { KvMap } from './kv-app.ts';
import type { IsisBody, ViewProposal } from './messages.ts';
import { STABILITY_TIMER } from './multicast.ts';
import { sendRaw, sendTo } from './net.ts';
import { transportDrop, transportForgetUnacked } from './transport.ts';
import { newViewComm } from './view-comm.ts';

export const JOIN_TIMER = 'join';

/** The coordinator commits: installs locally, sends the view to its members, tells the excluded. */
export function commitProposal(s: IsisState, ctx: StepCtx, proposal: ViewProposal): IsisState {
  const out = installProposal(s, ctx, proposal, null, [], s.self, undefined);
  for (const p of proposal.from.members) {
    if (!proposal.view.members.includes(p) && !proposal.leavers.includes(p) && p !== s.self) {
      sendRaw(ctx, p, { k: 'excl', view: proposal.view.id });
    }
  }
  return out;
}

export function onInstall(s: IsisState, ctx: StepCtx, from: ProcessId, body: Extract<IsisBody, { k: 'inst' }>): IsisState {
  if (s.status === 'exited') return s;
  return installProposal(s, ctx, body.proposal, body.snapshot, body.removed, from, body.excluding);
}

/**
 * Installs `proposal` if it is this process's next view: an old member of
 * `proposal.from` (flush first), or a joiner named in it (`snapshot` is the
 * state transfer). Anything else is stale and ignored.
 */
export function installProposal(
  s: IsisState,
  ctx: StepCtx,
  proposal: ViewProposal,
  snapshot: KvMap | null,
  removedByPeer: readonly ProcessId[],
  from: ProcessId,
  noticesOwedByPeer: readonly PendingExclusion[] | undefined,
): IsisState {
  const view = proposal.view;
  let out = s;
  // The map before this view's flush deliveries (what layers.transferStateAfterFlush: false transfers).
  const preFlushApp = s.app;
  const isNext = s.view !== null && s.view.id === proposal.from.id;
  // (layers.installsOnlyNextView: false also takes a late relay of the view already installed.)
  const isRelayOfCurrent = !ctx.layers.installsOnlyNextView && s.view !== null && s.view.id === view.id;
  if (s.status === 'member' && s.view !== null && (isNext || isRelayOfCurrent)) {
    if (!view.members.includes(s.self)) {
      // Dropped from the group: nothing more to deliver (no later view is installed here).
      if (from === s.self) {
        // A coordinator committing a view without itself (it leaves, or finishes a change that
        // excluded it) still tells the members first. It did not apply the flush, so it carries
        // no state: joiners take theirs from the members' relays.
        const gone = proposal.from.members.filter((p) => !view.members.includes(p));
        // It exits: the notices it owes (the ones this view adds among them) go on with the members.
        out = oweExclusionNotices(out, ctx, view.id, gone.filter((p) => !proposal.leavers.includes(p)), noticesOwedByPeer);
        const body: IsisBody = withNotices({ k: 'inst', proposal, snapshot: null, removed: mergeRemoved(out.removed, gone) }, out);
        for (const p of view.members) out = sendTo(out, ctx, p, body);
      }
      return exitProcess(out, ctx, proposal.leavers.includes(s.self) || s.gms.leaving ? 'left' : 'excluded');
    }
    if (isNext) out = applyFlush(out, ctx, proposal.flush);
  } else if (s.status === 'joining' && view.members.includes(s.self) && snapshot !== null) {
    // (layers.joinerTakesTransferredState: false starts the joiner from an empty map.)
    out = copyState(out);
    out.app = ctx.layers.joinerTakesTransferredState ? snapshot : {};
    out.removed = mergeRemoved(out.removed, removedByPeer);
    ctx.fx.push({ kind: 'cancelTimer', timer: JOIN_TIMER });
  } else {
    if (s.status === 'member' && s.view !== null && s.view.id < proposal.from.id) note(ctx, 'install-gap');
    return s;
  }
  const wasMember = out.status === 'member';
  const oldMembers = out.view?.members ?? [];
  const gone = oldMembers.filter((p) => !view.members.includes(p));
  const removed = mergeRemoved(out.removed, gone);
  const gms = emptyGms();
  // A heartbeat detector re-suspects a silent member within a period (its
  // missed counts survive the install, see trackMembers). An external
  // detector reports a failure once: forgetting it here would leave a
  // crashed coordinator of the new view in place for good.
  gms.suspects = permanentSuspicions(ctx) ? out.gms.suspects.filter((p) => view.members.includes(p) && p !== out.self) : [];
  gms.joiners = out.gms.joiners.filter((j) => !view.members.includes(j) && !removed.includes(j));
  gms.leavers = out.gms.leavers.filter((p) => view.members.includes(p));
  gms.leaving = out.gms.leaving;
  out = copyState(out);
  out.status = 'member';
  out.view = view;
  out.vc = newViewComm(view, out.self, true);
  out.gms = gms;
  out.removed = removed;
  for (const p of gone) out = withTransport(out, transportDrop(out.transport, p, ctx.fx));
  if (!ctx.layers.keepUnackedAcrossViews) {
    // Mutant hook: "the flush settled the old view", so its unacknowledged frames are thrown away.
    for (const p of view.members) out = withTransport(out, transportForgetUnacked(out.transport, p, ctx.fx));
  }
  out = trackMembers(out, view.members);
  out = oweExclusionNotices(out, ctx, view.id, gone.filter((p) => !proposal.leavers.includes(p)), noticesOwedByPeer);
  if (from !== out.self) out = heard(out, from);
  observe(ctx, { type: 'view', view: { id: view.id, members: [...view.members] } });
  // Relay before anything else goes out in the new view (see the header).
  const transferred = ctx.layers.transferStateAfterFlush || !wasMember ? out.app : preFlushApp;
  const body: IsisBody = withNotices({ k: 'inst', proposal, snapshot: transferred, removed: out.removed }, out);
  // (layers.relayInstall: false leaves the sending to the coordinator that committed.)
  const sends = ctx.layers.relayInstall || from === out.self;
  for (const p of view.members) if (sends && p !== out.self && p !== from) out = sendTo(out, ctx, p, body);
  if (!wasMember) {
    startHeartbeats(ctx);
    if (!ctx.timersOff) ctx.fx.push({ kind: 'setTimer', timer: STABILITY_TIMER, delayUs: ctx.o.stabilityIntervalUs });
  }
  return out;
}

/** The install message carries the exclusion notices its sender owes (joiners take them on); none, no field. */
function withNotices(body: Extract<IsisBody, { k: 'inst' }>, s: IsisState): IsisBody {
  return s.excluding.length === 0 ? body : { ...body, excluding: s.excluding };
}

function mergeRemoved(removed: readonly ProcessId[], more: readonly ProcessId[]): ProcessId[] {
  const fresh = more.filter((p) => !removed.includes(p));
  if (fresh.length === 0) return removed as ProcessId[];
  const merged = [...removed, ...fresh];
  return merged.length > MAX_REMOVED ? merged.slice(merged.length - MAX_REMOVED) : merged;
}

/** The process shuts down; the exit is observed after every other effect of the step. */
export function exitProcess(s: IsisState, ctx: StepCtx, reason: ExitReason): IsisState {
  ctx.exit = reason;
  const out = copyState(s);
  out.status = 'exited';
  out.queue = [];
  return out;
}
