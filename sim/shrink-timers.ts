// Shrinking the failure detector's timers (the built-in `isis` stack): a
// crashed member is suspected only after `suspectTimeoutUs` of silence (60 ms
// by default) and the view change starts no sooner, so a workload of 400
// multicasts a second has issued about 24 before the flush that a race
// needs; a cap below that stops the workload before the flush. A faster
// detector (the heartbeat period and the suspicion timeout scaled down
// together) brings the flush sooner, with fewer multicasts before it.
import { DEFAULT_ISIS_OPTIONS } from '../protocol/isis/options.ts';
import type { Scenario } from '../scenarios/types.ts';

/** The fastest detector tried: suspicion after 4 ms of silence, heartbeats every 1 ms. */
const MIN_SUSPECT_US = 4000;
const MIN_HEARTBEAT_US = 1000;

/** The protocols whose options have these timers. */
const WITH_FAILURE_DETECTOR = new Set(['isis']);

/**
 * The scenario with a faster failure detector: a half and a quarter of the
 * current suspicion timeout and heartbeat period (the fastest first), kept
 * valid (suspicion at least two heartbeats). None for another protocol or
 * an external detector.
 */
export function fasterFailureDetectors(s: Scenario): { what: string; scenario: Scenario }[] {
  if (!WITH_FAILURE_DETECTOR.has(s.protocol.name)) return [];
  const options = s.protocol.options ?? {};
  if (options['failureDetector'] === 'external') return [];
  const suspectUs = numberOr(options['suspectTimeoutUs'], DEFAULT_ISIS_OPTIONS.suspectTimeoutUs);
  const heartbeatUs = numberOr(options['heartbeatIntervalUs'], DEFAULT_ISIS_OPTIONS.heartbeatIntervalUs);
  const out: { what: string; scenario: Scenario }[] = [];
  for (const part of [0.25, 0.5]) {
    const fasterSuspectUs = Math.max(MIN_SUSPECT_US, Math.floor(suspectUs * part));
    const fasterHeartbeatUs = Math.max(MIN_HEARTBEAT_US, Math.min(Math.floor(heartbeatUs * part), Math.floor(fasterSuspectUs / 2)));
    if (fasterSuspectUs >= suspectUs || out.some((o) => o.scenario.protocol.options?.['suspectTimeoutUs'] === fasterSuspectUs)) continue;
    out.push({
      what: `failure detector suspecting after ${fasterSuspectUs} us (heartbeat ${fasterHeartbeatUs} us)`,
      scenario: { ...s, protocol: { ...s.protocol, options: { ...options, suspectTimeoutUs: fasterSuspectUs, heartbeatIntervalUs: fasterHeartbeatUs } } },
    });
  }
  return out;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
