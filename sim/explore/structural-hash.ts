// A protocol-supplied structural hash (Protocol.encodeState/encodeMessage):
// the protocol writes its state field by field, and each number or string
// is folded into the two hash lanes as it comes, so keying a state
// allocates nothing and looks nothing up by identity (the generic walk,
// value-hasher.ts, hashes every new object's keys and caches every object
// it meets). Parts the protocol hands to `value` go to the generic walk.
//
// Used only for the identity renaming (two lanes): under --symmetry without
// the protocol's permute hooks every string must be hashed under every
// renaming, which is the generic walk's job.
import { assertNever, type AnyProtocol, type Observation, type StateEncoder } from '../../protocol/types.ts';
import * as hash from './hash.ts';
import type { Lanes } from './hash.ts';
import type { ValueHasher } from './value-hasher.ts';

// Local bindings (see value-hasher.ts: imported names cost a getter call under tsx).
const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const numberLanes = hash.numberLanes;
const roundA = hash.roundA;
const roundB = hash.roundB;
const SEED_A = hash.SEED_A;
const SEED_B = hash.SEED_B;

/** Keeps a structural hash apart from the generic hash of the same value (they never meet, but cheaply so). */
const TAG_STRUCT = 0x5eed;
const TAG_FLOAT = 0x0f10a7;

type Encode = (value: never, out: StateEncoder) => void;

export class StructuralHasher implements StateEncoder {
  private a = 0;
  private b = 0;
  private words = 0;
  private readonly out: Lanes = [0, 0];
  private readonly floatLanes: Lanes = [0, 0];
  private readonly encodeState: Encode | null;
  private readonly encodeMessage: Encode | null;

  constructor(
    protocol: AnyProtocol,
    /** The generic hasher (identity renaming only) for strings and for `value`. */
    private readonly values: ValueHasher,
  ) {
    if (values.width !== 2) throw new Error('StructuralHasher: the identity renaming only (two lanes)');
    this.encodeState = protocol.encodeState === undefined ? null : (protocol.encodeState.bind(protocol) as Encode);
    this.encodeMessage = protocol.encodeMessage === undefined ? null : (protocol.encodeMessage.bind(protocol) as Encode);
  }

  get hasStates(): boolean {
    return this.encodeState !== null;
  }

  get hasMessages(): boolean {
    return this.encodeMessage !== null;
  }

  /** The lanes of a protocol state (an object: null and undefined are the generic walk's). Scratch: read at once. */
  state(state: object): Lanes {
    return this.run(this.encodeState as Encode, state);
  }

  /** The lanes of a message. Scratch: read at once. */
  message(msg: unknown): Lanes {
    return this.run(this.encodeMessage as Encode, msg);
  }

  /**
   * The lanes of an observation (the explorer's own format, so it needs no
   * protocol hook): every one of a path's deliveries goes into its
   * process's history fingerprint (history.ts). Scratch: read at once.
   */
  observation(o: Observation): Lanes {
    return this.run(encodeObservation as Encode, o);
  }

  number(n: number): void {
    this.words++;
    if ((n | 0) === n) {
      this.a = roundA(this.a, n);
      this.b = roundB(this.b, n);
      return;
    }
    // Not an int32: its float bits (tagged, so 2^32 and 0 differ).
    numberLanes(n, this.floatLanes, 0);
    this.a = roundA(roundA(this.a, TAG_FLOAT), this.floatLanes[0] as number);
    this.b = roundB(roundB(this.b, TAG_FLOAT), this.floatLanes[1] as number);
  }

  string(s: string): void {
    this.words++;
    const lanes = this.values.string(s);
    this.a = roundA(this.a, lanes[0] as number);
    this.b = roundB(this.b, lanes[1] as number);
  }

  value(v: unknown): void {
    this.words++;
    const lanes = this.values.value(v);
    this.a = roundA(this.a, lanes[0] as number);
    this.b = roundB(this.b, lanes[1] as number);
  }

  private run(encode: Encode, v: unknown): Lanes {
    // Not re-entrant: an encoder calls only number, string and value, none of which comes back here.
    this.a = roundA(SEED_A, TAG_STRUCT);
    this.b = roundB(SEED_B, TAG_STRUCT);
    this.words = 0;
    encode(v as never, this);
    this.out[0] = fmixA(roundA(this.a, this.words));
    this.out[1] = fmixB(roundB(this.b, this.words));
    return this.out;
  }
}

/** An observation's fields in a fixed order: the one encoding of observations (here, and renamed-observations.ts under symmetry). */
export function encodeObservation(o: Observation, out: StateEncoder): void {
  out.string(o.type);
  switch (o.type) {
    case 'deliver':
      out.string(o.msg);
      out.string(o.from);
      out.number(o.view);
      return;
    case 'bcast':
      out.string(o.msg);
      out.string(o.order);
      out.number(o.view);
      return;
    case 'view':
      out.value(o.view);
      return;
    case 'exit':
      out.string(o.reason);
      return;
    case 'note':
      out.string(o.text);
      return;
    default:
      assertNever(o, 'observation');
  }
}
