// Sending from the full stack: reliable FIFO channels for protocol traffic,
// raw frames for heartbeats and notices.
import type { ProcessId } from '../types.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { withTransport } from './isis-state.ts';
import type { IsisBody } from './messages.ts';
import { sendInDraft, transportDraft, transportSend, type TransportState } from './transport.ts';

export function sendTo(s: IsisState, ctx: StepCtx, to: ProcessId, body: IsisBody): IsisState {
  const { ts, overflow } = transportSend(s.transport, to, body, ctx.cfg, ctx.fx);
  if (overflow && !ctx.overflowed.includes(to)) ctx.overflowed.push(to);
  return withTransport(s, ts);
}

/**
 * Sends to every member of the current view but ourselves (and `except`),
 * in member order, as one sendTo each would, building one new state.
 */
export function sendToMembers(s: IsisState, ctx: StepCtx, body: IsisBody, except: readonly ProcessId[] = []): IsisState {
  if (s.view === null) return s;
  let draft: TransportState<IsisBody> | null = null;
  for (const p of s.view.members) {
    if (p === s.self || except.includes(p)) continue;
    draft ??= transportDraft(s.transport);
    if (sendInDraft(draft, p, body, ctx.cfg, ctx.fx) && !ctx.overflowed.includes(p)) ctx.overflowed.push(p);
  }
  return draft === null ? s : withTransport(s, draft);
}

export function sendRaw(ctx: StepCtx, to: ProcessId, body: IsisBody): void {
  ctx.fx.push({ kind: 'send', to, msg: { t: 'r', body } });
}
