// The cut at a note (strikes.ts `cutAtNote`): a role (coordinator,
// sequencer, state-transfer provider) isolated, muted, unheard by its
// successor (for good, or until the successor's view change: `revoked`) or crashed a drawn number of steps after a protocol note, with
// what brings the note about (a join on steady links, or a total-order load).
import { assertNever } from '../core/assert-never.ts';
import type { NoteAt, OrderMix } from './types.ts';
import { MOMENTS, isQuietVariant, type Cut, type Moment, type MomentName } from './strike-variants.ts';
import { slowDelay, steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';

/** A total-order-only mix: the sequencer orders in batches, and a flush has orders in flight to keep. */
const TOTAL_ONLY: OrderMix = { fifo: 0, causal: 0, total: 1 };

/** A role cut off at a protocol moment (the variant names the moment and the cut). */
export function drawCutAtNote(d: StrikeDraw): Strike | null {
  const { ctx, random, variant, between, startUs, hosts, free, timeout, strike } = d;
  const [momentName, cutName] = variant.split('/') as [MomentName, Cut];
  const moment: Moment = MOMENTS[momentName];
  const cut = cutName;
  // A view-change moment gets clean, steady links around the coordinator, so its phases take known steps.
  const steadyUs = steadyStepUs(ctx.flightUs);
  const stepUs = moment.needs === 'join' ? steadyUs : ctx.flightUs;
  const window = cut === 'isolate' ? moment.isolateWindow : moment.cutWindow;
  const delayUs = Math.round(between(window[0], window[1]) * stepUs);
  const occurrence = moment.maxOccurrence === 0 ? ctx.processes - Math.floor(random.float() * 2) : 1 + Math.floor(random.float() * moment.maxOccurrence);
  const at: NoteAt = { note: moment.note, node: moment.node, occurrence, delayUs, afterUs: startUs };
  const undo: NoteAt = { ...at, delayUs: delayUs + Math.round(between(2, 5) * timeout) };
  if (moment.needs === 'join') {
    for (const to of hosts.filter((h) => h !== free[0])) strike.schedule.push({ type: 'link', from: 'coordinator', to, atUs: startUs, ...steadyLink(steadyUs) });
  }
  // Its successor: the next-oldest host (the one that takes over when the target is the oldest).
  const successor = free[1] ?? free[0] ?? 'p1';
  switch (cut) {
    case 'isolate':
      strike.schedule.push({ type: 'isolate', host: moment.target, at }, { type: 'heal', at: undo });
      strike.detail = `isolate ${moment.target}`;
      break;
    case 'mute':
      // Lost as they are sent: what was on the wire still arrives (the coordinator's accept requests, not its installs).
      // Every host, and the joiner (a new process relays the install it got to everyone).
      for (const to of [...hosts, 'joiner']) strike.schedule.push({ type: 'link', from: moment.target, to, bidirectional: false, lossProbability: 1, at });
      strike.schedule.push({ type: 'link-reset', at: undo });
      strike.detail = `mute ${moment.target}`;
      break;
    case 'deadLink':
      // Cut one way: the target hears everyone and suspects nobody, its successor stops hearing it.
      strike.schedule.push({ type: 'link', from: moment.target, to: successor, bidirectional: false, lossProbability: 1, at }, { type: 'link-reset', at: undo });
      strike.detail = `dead link ${moment.target}->${successor}`;
      break;
    case 'revoked': {
      // Unheard by its successor and by one more member at the note. The successor suspects it and begins a
      // view change; the link comes back at that moment, and a third member's reply to it is slowed (under
      // the timeout) so a heartbeat of the role's arrives within the flush: the suspicion is revoked and the
      // role keeps its rank in the next view. The member hears the role again only at `undo`, after that
      // view is installed: what the role sent it in the old view (order batches numbered from 1, as the new
      // view's) arrives late, from the same rank 0.
      // It lands at the role's first note of the run, where the view's numbering (of the sequencer's order
      // batches) begins, so what arrives late is what the next view's first numbers would also name.
      const member = free[2];
      if (member === undefined) return null;
      const first: NoteAt = { note: moment.note, node: moment.node, occurrence: 1, delayUs: 0, afterUs: 0 };
      const back: NoteAt = { note: 'view-change-begin', node: successor, occurrence: 1, delayUs: 0, afterUs: 0 };
      const healed: NoteAt = { ...first, delayUs: Math.round(between(2, 5) * timeout) };
      strike.schedule.push(
        { type: 'link', from: moment.target, to: successor, bidirectional: false, lossProbability: 1, at: first },
        { type: 'link', from: moment.target, to: member, bidirectional: false, lossProbability: 1, at: first },
        { type: 'link', from: moment.target, to: successor, bidirectional: false, lossProbability: 0, at: back },
      );
      const lateReplier = free[3];
      if (lateReplier !== undefined) strike.schedule.push({ type: 'link', from: lateReplier, to: successor, bidirectional: false, at: first, ...slowDelay(between(0.25, 0.5) * timeout) });
      strike.schedule.push({ type: 'link-reset', at: healed });
      strike.detail = `${moment.target} unheard by ${successor} (back at its view-change-begin) and ${member} from its first ${moment.note}, healed ${healed.delayUs} us later`;
      strike.quiet = true;
      strike.orders = TOTAL_ONLY;
      strike.rateFactor = 8;
      return strike;
    }
    case 'crash':
      strike.schedule.push({ type: 'crash', host: moment.target, at });
      strike.detail = `crash ${moment.target}`;
      break;
    default:
      assertNever(cut);
  }
  strike.detail += ` ${Math.round(delayUs)} us after ${moment.note}#${at.occurrence} of ${moment.node}`;
  if (moment.needs === 'join') strike.joins.push({ atUs: startUs, count: 1 });
  // The coordinator's phases are timed in steps of the steady links (measured: the cut after the last
  // flush reply broke phase 2's takeover 9 of 10 times on a cleared stage, 2 of 10 amid other faults).
  // A quiet cut at the sequencer's moment (a revoked suspicion) still needs its total-order load.
  if (isQuietVariant('cutAtNote', variant)) strike.quiet = true;
  if (!strike.quiet || moment.needs === 'totalLoad') {
    strike.orders = TOTAL_ONLY;
    strike.rateFactor = 8;
  }
  return strike;
}
