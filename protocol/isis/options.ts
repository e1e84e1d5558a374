// The ISIS stack's options (`protocol.options` in a scenario), parsed and
// validated. A bad option is bad user input: InputError naming
// `protocol.options.<field>` and what was expected.
import { InputError } from '../../core/input-error.ts';

export type FailureDetectorKind = 'heartbeat' | 'external';

export interface IsisOptions {
  /** Heartbeat period of the failure detector. */
  heartbeatIntervalUs: number;
  /** Silence after which a member is suspected (rounded up to whole heartbeat periods). */
  suspectTimeoutUs: number;
  /** 'external': no heartbeats at all; suspicions come only from onSuspect (the model checker). */
  failureDetector: FailureDetectorKind;
  /** Retransmission timeout of the reliable transport. */
  retransmitTimeoutUs: number;
  /** Acknowledgements wait this long for data to ride on (0: sent at the end of each step). */
  ackDelayUs: number;
  /**
   * ABCAST: the sequencer sends its orders, and members their order
   * acknowledgements, at most once per this period (0: each at once, to
   * every member; always so without timers).
   */
  orderBatchUs: number;
  /** Frames in flight per peer before the sender waits for acknowledgements. */
  windowFrames: number;
  /** Unacknowledged frames per peer beyond which the peer is suspected (it cannot keep up). */
  maxUnackedFrames: number;
  /** True: the network neither loses nor duplicates, so no acks, no retransmission, no timers. */
  reliableNetwork: boolean;
  /** How long a joiner waits before asking its contacts again. */
  joinRetryUs: number;
  /** A view-change attempt that has not finished by then is retried with a higher ballot. */
  viewChangeTimeoutUs: number;
  /** Period of the stability gossip (delivered vectors) that lets buffers be discarded. */
  stabilityIntervalUs: number;
  /** Requests held while there is no view or a flush is under way; more are dropped with a note. */
  maxQueuedRequests: number;
  /** Own multicasts not yet known delivered everywhere; beyond this, requests wait (back-pressure). */
  maxUnstableOwn: number;
}

export const DEFAULT_ISIS_OPTIONS: IsisOptions = {
  heartbeatIntervalUs: 10_000,
  suspectTimeoutUs: 60_000,
  failureDetector: 'heartbeat',
  retransmitTimeoutUs: 8_000,
  ackDelayUs: 1_000,
  orderBatchUs: 2_000,
  windowFrames: 256,
  maxUnackedFrames: 8_192,
  reliableNetwork: false,
  joinRetryUs: 40_000,
  viewChangeTimeoutUs: 120_000,
  stabilityIntervalUs: 20_000,
  maxQueuedRequests: 1_024,
  maxUnstableOwn: 512,
};

const TIME_FIELDS = [
  'heartbeatIntervalUs',
  'suspectTimeoutUs',
  'retransmitTimeoutUs',
  'joinRetryUs',
  'viewChangeTimeoutUs',
  'stabilityIntervalUs',
] as const;
const COUNT_FIELDS = ['windowFrames', 'maxUnackedFrames', 'maxQueuedRequests', 'maxUnstableOwn'] as const;
/** No option is useful beyond these; they keep arithmetic far from overflow. */
const MAX_TIME_US = 3_600_000_000;
const MAX_COUNT = 1_000_000;

function where(field: string): string {
  return `protocol.options.${field}`;
}

function positiveInt(raw: unknown, field: string, max: number, unit: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max) {
    throw new InputError(`${where(field)}: expected an integer from 1 to ${max} (${unit}), got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/**
 * Parses `protocol.options`. `allowed` lists the fields this protocol
 * variant accepts (the static variants take fewer); anything else is an
 * unknown option.
 */
export function parseIsisOptions(raw: Record<string, unknown>, allowed: readonly (keyof IsisOptions)[]): IsisOptions {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`protocol.options: expected an object, got ${JSON.stringify(raw)}`);
  }
  const out: IsisOptions = { ...DEFAULT_ISIS_OPTIONS };
  for (const field of Object.keys(raw)) {
    if (!(allowed as readonly string[]).includes(field)) {
      throw new InputError(`${where(field)}: unknown option, expected one of ${allowed.join(', ')}`);
    }
  }
  for (const field of TIME_FIELDS) {
    if (raw[field] !== undefined) out[field] = positiveInt(raw[field], field, MAX_TIME_US, 'microseconds');
  }
  for (const field of COUNT_FIELDS) {
    if (raw[field] !== undefined) out[field] = positiveInt(raw[field], field, MAX_COUNT, 'a count');
  }
  for (const field of ['ackDelayUs', 'orderBatchUs'] as const) {
    const delay = raw[field];
    if (delay === undefined) continue;
    if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > MAX_TIME_US) {
      throw new InputError(`${where(field)}: expected an integer from 0 to ${MAX_TIME_US} (microseconds), got ${JSON.stringify(delay)}`);
    }
    out[field] = delay;
  }
  if (raw['reliableNetwork'] !== undefined) {
    if (typeof raw['reliableNetwork'] !== 'boolean') {
      throw new InputError(`${where('reliableNetwork')}: expected true or false, got ${JSON.stringify(raw['reliableNetwork'])}`);
    }
    out.reliableNetwork = raw['reliableNetwork'];
  }
  const fd = raw['failureDetector'];
  if (fd !== undefined) {
    if (fd !== 'heartbeat' && fd !== 'external') {
      throw new InputError(`${where('failureDetector')}: expected "heartbeat" or "external", got ${JSON.stringify(fd)}`);
    }
    out.failureDetector = fd;
  }
  if (out.suspectTimeoutUs < 2 * out.heartbeatIntervalUs) {
    throw new InputError(
      `${where('suspectTimeoutUs')}: expected at least twice heartbeatIntervalUs (${2 * out.heartbeatIntervalUs}), got ${out.suspectTimeoutUs}`,
    );
  }
  if (out.ackDelayUs >= out.retransmitTimeoutUs) {
    throw new InputError(
      `${where('ackDelayUs')}: expected less than retransmitTimeoutUs (${out.retransmitTimeoutUs}), got ${out.ackDelayUs}`,
    );
  }
  if (out.maxUnackedFrames < out.windowFrames) {
    throw new InputError(
      `${where('maxUnackedFrames')}: expected at least windowFrames (${out.windowFrames}), got ${out.maxUnackedFrames}`,
    );
  }
  return out;
}

/** Heartbeat periods of silence before a suspicion. */
export function suspectAfterBeats(options: IsisOptions): number {
  return Math.ceil(options.suspectTimeoutUs / options.heartbeatIntervalUs);
}

export const STATIC_OPTION_FIELDS: readonly (keyof IsisOptions)[] = [
  'retransmitTimeoutUs',
  'ackDelayUs',
  'windowFrames',
  'maxUnackedFrames',
  'reliableNetwork',
  'maxQueuedRequests',
];

export const FULL_OPTION_FIELDS: readonly (keyof IsisOptions)[] = Object.keys(DEFAULT_ISIS_OPTIONS) as (keyof IsisOptions)[];
