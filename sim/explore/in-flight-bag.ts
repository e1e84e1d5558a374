// A step's messages in flight: a multiset shared copy-on-write with the
// parent state until the step changes it, and its hash kept as the sum of
// the messages' lanes, so it does not depend on the order they sit in.
import { BoundHit } from '../world.ts';
import type { Scratch } from './explore-effects.ts';
import type { InFlight } from './state.ts';

/** Adds a message (a send, or a copy of one in flight), within the bound on messages in flight. */
export function addToBag(b: Scratch, m: InFlight, maxInFlight: number): void {
  if (b.bag.length >= maxInFlight) throw new BoundHit('maxInFlight');
  ownBag(b);
  b.bag.push(m);
  for (let k = 0; k < m.hash.length; k++) b.bagHash[k] = ((b.bagHash[k] as number) + (m.hash[k] as number)) | 0;
}

export function removeFromBag(b: Scratch, index: number): void {
  const m = b.bag[index] as InFlight;
  if (b.ownsBag) {
    b.bag.splice(index, 1);
  } else {
    // The parent's bag minus one message, in one allocation (slice then splice made two).
    const bag = new Array<InFlight>(b.bag.length - 1);
    for (let k = 0; k < index; k++) bag[k] = b.bag[k] as InFlight;
    for (let k = index + 1; k < b.bag.length; k++) bag[k - 1] = b.bag[k] as InFlight;
    b.bag = bag;
    b.bagHash = b.bagHash.slice();
    b.ownsBag = true;
  }
  for (let k = 0; k < m.hash.length; k++) b.bagHash[k] = ((b.bagHash[k] as number) - (m.hash[k] as number)) | 0;
}

/** Removes every message `lost` says is lost (to a process that exited, across a new cut). */
export function purgeBag(b: Scratch, lost: (m: InFlight) => boolean): void {
  for (let j = b.bag.length - 1; j >= 0; j--) if (lost(b.bag[j] as InFlight)) removeFromBag(b, j);
}

function ownBag(b: Scratch): void {
  if (b.ownsBag) return;
  b.bag = b.bag.slice();
  b.bagHash = b.bagHash.slice();
  b.ownsBag = true;
}
