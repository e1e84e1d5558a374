// Liveness family: view-convergence and delivery-liveness, judged once at the
// end and only when `end.quiescent` is true. delivery-liveness walks every
// message id once (the message table keeps them all), so the end does not
// need the trace.
import type { ProcessId } from '../traces/schema.ts';
import type { CheckContext } from './context.ts';
import { formatMembers, plural } from './format.ts';
import type { ProcState } from './state.ts';
import type { ViewLedger } from './view-ledger.ts';

/**
 * view-convergence: "every process live at the end has installed a view, and
 * their last views are all the same view: each of them last installed the
 * same view id, with members listing exactly the processes live at the end
 * (what other installs of that id list does not matter here: view-agreement
 * judges them)."
 * Each live process is judged on its own last install.
 */
export function checkViewConvergence(ctx: CheckContext): void {
  const live = ctx.procs.filter((proc) => proc.live);
  const liveIds = new Set(live.map((proc) => proc.id));
  // The id most live processes ended in (the highest on a tie) is named as
  // the one the others differ from; any choice gives the same verdict.
  const tally = new Map<number, number>();
  for (const proc of live) if (proc.hasView) tally.set(proc.viewId, (tally.get(proc.viewId) ?? 0) + 1);
  let common: number | null = null;
  for (const [id, count] of tally) {
    const best = common === null ? -1 : (tally.get(common) as number);
    if (count > best || (count === best && id > (common as number))) common = id;
  }
  const holder = live.find((proc) => proc.hasView && proc.viewId === common);
  for (const proc of live) {
    if (!proc.hasView) {
      ctx.sink.report('view-convergence', [proc.startI], () => `${proc.id} is live at the end but never installed a view.`);
      continue;
    }
    if (proc.viewId !== common && holder !== undefined) {
      const other = holder;
      ctx.sink.report('view-convergence', [proc.viewI, other.viewI], () =>
        `${proc.id} ends in view ${proc.viewId} but ${other.id} ends in view ${other.viewId}.`,
      );
    }
    checkLastMembers(ctx, proc, liveIds);
  }
}

function checkLastMembers(ctx: CheckContext, proc: ProcState, liveIds: ReadonlySet<ProcessId>): void {
  const members = new Set(proc.viewMembers);
  const extra = [...members].filter((member) => !liveIds.has(member));
  const missing = [...liveIds].filter((id) => !members.has(id));
  if (extra.length === 0 && missing.length === 0) return;
  const parts: string[] = [];
  if (extra.length > 0) parts.push(`lists ${extra.join(', ')}, not live at the end`);
  if (missing.length > 0) parts.push(`leaves out ${missing.join(', ')}, live at the end`);
  ctx.sink.report('view-convergence', [proc.viewI], () =>
    `the last view ${proc.viewId} ${proc.id} installs, ${formatMembers(proc.viewMembers)}, ${parts.join(' and ')}.`,
  );
}

/**
 * delivery-liveness: "every message multicast by a process live at the end
 * is delivered by every process live at the end that was a member of the
 * message's sending view."
 * One violation per (reader, sender, sending view), counting the messages.
 */
export function checkDeliveryLiveness(ctx: CheckContext, ledger: ViewLedger): void {
  const { messages, procs } = ctx;
  const byName = new Map(procs.map((proc) => [proc.id, proc] as const));
  interface Missed {
    reader: ProcState;
    sender: ProcState;
    viewId: number;
    count: number;
    first: number;
  }
  const missed = new Map<string, Missed>();
  const readersOf = new Map<number, ProcState[]>();
  for (let msg = 0; msg < messages.count; msg++) {
    const senderIndex = messages.sender[msg] as number;
    if (senderIndex < 0) continue;
    const sender = procs[senderIndex]!;
    if (!sender.live) continue;
    const viewId = messages.logs[msg]!.viewId;
    let readers = readersOf.get(viewId);
    if (readers === undefined) {
      const members = ledger.get(viewId)?.members ?? [];
      readers = [];
      for (const member of new Set(members)) {
        const reader = byName.get(member);
        if (reader !== undefined && reader.live) readers.push(reader);
      }
      readersOf.set(viewId, readers);
    }
    for (const reader of readers) {
      if (reader.delivered.first(msg) >= 0) continue;
      const key = `${reader.index}:${senderIndex}:${viewId}`;
      const known = missed.get(key);
      if (known !== undefined) known.count += 1;
      else missed.set(key, { reader, sender, viewId, count: 1, first: msg });
    }
  }
  for (const { reader, sender, viewId, count, first } of missed.values()) {
    const firstId = messages.idOf(first) as string;
    ctx.sink.report(
      'delivery-liveness',
      [messages.bcastI[first] as number],
      () =>
        `${reader.id} never delivered ${count === 1 ? firstId : `${plural(count, 'message')} (first ${firstId})`} ` +
        `that ${sender.id} multicast in view ${viewId}, though both are live at the end and ${reader.id} is a member of that view.`,
      { proc: reader.index, msg: first },
    );
  }
}
