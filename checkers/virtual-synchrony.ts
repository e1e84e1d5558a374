// virtual-synchrony: "if p and q both install V and both install V' as their
// next view after V, they delivered exactly the same set of messages while in
// V."
// Each stay in a view keeps an order-independent digest of the set it
// delivered (a count and two sums of 32-bit fingerprints of the message
// indices, each message counted once per stay). The first stay to end in V'
// becomes the reference for (V, V'); every later one is compared by digest
// in O(1), and only a mismatch pays for building sets to name a differing
// message. A stay's list of deliveries is kept only while it may still be
// needed to name one (and up to a bound; without it the violation is still
// reported, just not named).
import type { CheckContext } from './context.ts';
import type { Stay } from './state.ts';

/** References whose lists are kept; older ones keep only their digest. */
const MAX_LISTED_REFERENCES = 16;

interface Reference {
  stay: Stay;
  /** `i` of the install that ended the stay. */
  nextInstallI: number;
}

export class VirtualSynchronyJudge {
  private readonly references = new Map<string, Reference>();
  private readonly listed: Stay[] = [];

  /** `stay` ends with an install of `nextViewId` at `nextInstallI`. */
  close(ctx: CheckContext, stay: Stay, nextViewId: number, nextInstallI: number): void {
    const key = `${stay.viewId}>${nextViewId}`;
    const reference = this.references.get(key);
    if (reference === undefined) {
      this.references.set(key, { stay, nextInstallI });
      this.keepList(stay);
      return;
    }
    const first = reference.stay;
    const same = first.count === stay.count && first.hashA === stay.hashA && first.hashB === stay.hashB;
    if (!same) reportDifference(ctx, first, reference.nextInstallI, stay, nextInstallI, nextViewId);
    stay.delivered = null;
    stay.deliveredI = null;
  }

  private keepList(stay: Stay): void {
    this.listed.push(stay);
    if (this.listed.length <= MAX_LISTED_REFERENCES) return;
    const dropped = this.listed.shift() as Stay;
    dropped.delivered = null;
    dropped.deliveredI = null;
  }
}

function reportDifference(
  ctx: CheckContext,
  first: Stay,
  firstNextI: number,
  second: Stay,
  secondNextI: number,
  nextViewId: number,
): void {
  const viewId = first.viewId;
  const { messages } = ctx;
  const firstOnly = firstMissing(first, second);
  const secondOnly = firstOnly === null ? firstMissing(second, first) : null;
  const named = firstOnly !== null ? { had: first, lacked: second, at: firstOnly } : secondOnly !== null ? { had: second, lacked: first, at: secondOnly } : null;
  const installs = [first.installI, second.installI, firstNextI, secondNextI];
  if (named === null) {
    ctx.sink.report('virtual-synchrony', installs, () =>
      `${first.proc} and ${second.proc} both went from view ${viewId} to view ${nextViewId}, but delivered ` +
      `different sets of messages in view ${viewId} (${first.proc} ${first.count}, ${second.proc} ${second.count}).`,
    );
    return;
  }
  const { had, lacked, at } = named;
  const msg = (had.delivered as number[])[at] as number;
  const deliverI = (had.deliveredI as number[])[at] as number;
  const lackedIndex = ctx.procs.findIndex((proc) => proc.id === lacked.proc);
  ctx.sink.report(
    'virtual-synchrony',
    [...installs, deliverI],
    () =>
      `${first.proc} and ${second.proc} both went from view ${viewId} to view ${nextViewId}, but ` +
      `${had.proc} delivered ${messages.idOf(msg)}${fromOf(ctx, msg)} in view ${viewId} and ${lacked.proc} did not` +
      ` (${had.proc} delivered ${had.count}, ${lacked.proc} ${lacked.count}).`,
    { proc: lackedIndex, msg },
  );
}

/** Index in `has.delivered` of the first message `lacks` did not deliver, or null (or no lists). */
function firstMissing(has: Stay, lacks: Stay): number | null {
  const list = has.delivered;
  const other = lacks.delivered;
  if (list === null || other === null) return null;
  const seen = new Set(other);
  for (let at = 0; at < list.length; at++) {
    if (!seen.has(list[at] as number)) return at;
  }
  return null;
}

/** ` (from p1)` when the message was multicast, else nothing. */
function fromOf(ctx: CheckContext, msg: number): string {
  const sender = ctx.messages.sender[msg] as number;
  return sender < 0 ? '' : ` (from ${ctx.procs[sender]!.id})`;
}
