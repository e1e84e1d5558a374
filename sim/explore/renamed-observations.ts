// The lanes of a protocol observation under every renaming at once, for the
// history fingerprints under --symmetry (history.ts keeps one fingerprint
// per renaming, so that symmetry-key.ts can read a process's history as the
// renamed process's). Without symmetry the structural hash of
// structural-hash.ts does this for the identity alone; under symmetry the
// generic walk did it (value-hasher.ts), which builds lanes for every
// object and field of every delivery and multicast observation: about a
// twentieth of the search time on cbcast-3x3.
//
// Here each field (in the order of structural-hash.ts's encodeObservation)
// is folded in as it comes, every lane at once: lane pair k
// is the same fold over the observation with renaming k applied to its
// strings (the hasher's string lanes are already per renaming; numbers are
// the same under every renaming). So lane pair k of an observation is the
// identity lane pair of the renamed observation, which is all the
// fingerprints need; the function differs from the generic walk's, but
// within one exploration every observation goes through this one.
import type { Observation, StateEncoder } from '../../protocol/types.ts';
import * as hash from './hash.ts';
import type { Lanes } from './hash.ts';
import { encodeObservation } from './structural-hash.ts';
import type { ValueHasher } from './value-hasher.ts';

// Local bindings (see value-hasher.ts: imported names cost a getter call under tsx).
const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const roundA = hash.roundA;
const roundB = hash.roundB;
const SEED_A = hash.SEED_A;
const SEED_B = hash.SEED_B;

/** Keeps these lanes apart from the generic hash of the same value. */
const TAG_OBSERVATION = 0x0b5e7;

export class RenamedObservationLanes implements StateEncoder {
  private readonly out: Lanes;
  private words = 0;

  constructor(private readonly hasher: ValueHasher) {
    this.out = hash.newLanes(hasher.width);
  }

  /** The observation's lanes, lane pair k under renaming k. Scratch: read at once. */
  of(o: Observation): Lanes {
    const out = this.out;
    const a0 = roundA(SEED_A, TAG_OBSERVATION);
    const b0 = roundB(SEED_B, TAG_OBSERVATION);
    for (let k = 0; k < out.length; k += 2) {
      out[k] = a0;
      out[k + 1] = b0;
    }
    this.words = 0;
    encodeObservation(o, this);
    for (let k = 0; k < out.length; k += 2) {
      out[k] = fmixA(roundA(out[k] as number, this.words));
      out[k + 1] = fmixB(roundB(out[k + 1] as number, this.words));
    }
    return out;
  }

  string(s: string): void {
    this.lanes(this.hasher.string(s));
  }

  value(v: unknown): void {
    this.lanes(this.hasher.value(v));
  }

  private lanes(value: Lanes): void {
    this.words++;
    const out = this.out;
    for (let k = 0; k < out.length; k += 2) {
      out[k] = roundA(out[k] as number, value[k] as number);
      out[k + 1] = roundB(out[k + 1] as number, value[k + 1] as number);
    }
  }

  number(n: number): void {
    this.words++;
    // Observation numbers are view ids: int32. Anything else goes by its float bits through the generic hasher.
    const lanes = (n | 0) === n ? null : this.hasher.value(n);
    const out = this.out;
    for (let k = 0; k < out.length; k += 2) {
      out[k] = roundA(out[k] as number, lanes === null ? n : (lanes[k] as number));
      out[k + 1] = roundB(out[k + 1] as number, lanes === null ? n : (lanes[k + 1] as number));
    }
  }
}
