// The cut at a note (strikes.ts `cutAtNote`): a role (coordinator,
// sequencer, state-transfer provider) isolated, muted, unheard by its
// successor or crashed a drawn number of steps after a protocol note, with
// what brings the note about (a join on steady links, or a total-order load).
import { assertNever } from '../core/assert-never.ts';
import type { NoteAt, OrderMix } from './types.ts';
import { MOMENTS, isQuietVariant, type Cut, type Moment, type MomentName } from './strike-variants.ts';
import { steadyLink, steadyStepUs, type Strike, type StrikeDraw } from './strike-shape.ts';

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
  if (isQuietVariant('cutAtNote', variant)) strike.quiet = true;
  else {
    strike.orders = TOTAL_ONLY;
    strike.rateFactor = 8;
  }
  return strike;
}
