// A scenario must be able to end within its bounds. A run stops at
// `limits.maxEvents` simulator events; a fault phase so long that its own
// workload, random faults or quiet checks need more events than that can
// only end by hitting the bound, after minutes of silent work. Such a
// scenario is refused up front, with the limit in the message.
import { InputError } from '../traces/input-error.ts';
import type { FieldProblems } from './fields.ts';
import type { Scenario } from './types.ts';

/** A run's bounds when the scenario's `limits` does not set them (sim/run.ts applies them). */
export const DEFAULT_LIMITS = { maxEvents: 5_000_000, maxInFlight: 1_000_000, maxTraceEvents: 10_000_000 };
export const DEFAULT_QUIET_WINDOW_US = 500_000;

/**
 * Longest simulated run, fault phase plus settle phase (2^43 us, about 101
 * days). Simulated time is a float64 count of microseconds, exact below
 * 2^53; this leaves a factor of 1024 for delays and timers past the end.
 */
export const MAX_RUN_US = 2 ** 43;

export function checkRunBounds(f: FieldProblems, s: Scenario): void {
  const maxEvents = s.limits?.maxEvents ?? DEFAULT_LIMITS.maxEvents;
  const limit = `limits.maxEvents (${maxEvents} events${s.limits?.maxEvents === undefined ? ', the default' : ''})`;
  if (s.durationUs > MAX_RUN_US || s.durationUs + s.settleUs > MAX_RUN_US) {
    const field = s.durationUs > MAX_RUN_US ? 'durationUs' : 'settleUs';
    f.add(field, `durationUs + settleUs at most ${MAX_RUN_US} us (about 101 days simulated; simulated time must stay an exact integer)`,
      field === 'durationUs' ? s.durationUs : s.settleUs);
    return;
  }
  // Each multicast is at least one event (its arrival), whatever the protocol does.
  const multicasts = Math.min(s.workload.maxMulticasts ?? Infinity, (s.workload.multicastsPerSecond * s.durationUs) / 1e6);
  if (multicasts > maxEvents) {
    f.add('durationUs', `a fault phase that fits ${limit}: at workload.multicastsPerSecond ` +
      `${s.workload.multicastsPerSecond} it issues about ${Math.round(multicasts)} multicasts, each at least one event ` +
      '(shorten durationUs, set workload.maxMulticasts or raise limits.maxEvents)', s.durationUs);
  }
  const random = s.faults?.random;
  if (random !== undefined && s.durationUs / random.meanIntervalUs > maxEvents) {
    f.add('faults.random.meanIntervalUs', `a mean interval that fits ${limit}: durationUs ${s.durationUs} / meanIntervalUs ` +
      `is about ${Math.round(s.durationUs / random.meanIntervalUs)} random faults, each at least one event`, random.meanIntervalUs);
  }
  const quietWindowUs = s.quietWindowUs ?? DEFAULT_QUIET_WINDOW_US;
  if (s.settleUs / quietWindowUs > maxEvents) {
    f.add('settleUs', `a settle phase that fits ${limit}: settleUs / quietWindowUs (${quietWindowUs}) is about ` +
      `${Math.round(s.settleUs / quietWindowUs)} quiet checks, each at least one event`, s.settleUs);
  }
}

/**
 * A timed run (`run`, `replay --scenario`) needs a fault phase: with
 * `durationUs` 0 no multicast is issued and no fault or join happens, so the
 * run checks nothing. `vsynclab explore` reads neither phase (its runs are
 * steps, not time), so a scenario only explored may say 0; validateScenario
 * accepts it for that, and the timed commands refuse it here.
 */
export function checkTimedRun(s: Scenario, file: string): void {
  if (s.durationUs > 0) return;
  throw new InputError(`${file}: durationUs: expected an integer >= 1 for a timed run (the fault phase, when the workload ` +
    'runs and faults happen; 0 runs nothing: only `vsynclab explore`, which ignores it, accepts 0), got 0');
}
