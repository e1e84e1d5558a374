// One run: a scenario and a seed in, a trace and a verdict out. The fault
// phase (workload and faults) lasts `durationUs`; then faults stop, the
// network heals and the settle phase runs until the group is quiet or
// `settleUs` has passed, and the trace ends with `end {quiescent}`.
import { WriteLedger } from './replica-writes.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario, ScheduledFault } from '../scenarios/types.ts';
import { validateScenario } from '../scenarios/validate.ts';
import { hostStartTimes } from '../scenarios/host-references.ts';
import { isNetworkEvent, type TraceDetail, type TraceEvent, type UnnumberedEvent } from '../traces/schema.ts';
import { makeHeader, numberEvent, serializeLine } from '../traces/serialize.ts';
import { FaultDriver } from './faults/driver.ts';
import { Network } from './network.ts';
import { Rng } from './rng.ts';
import type { TraceSink } from './trace-sink.ts';
import { startWorkload } from './workload.ts';
import { BoundHit, World } from './world.ts';
import { ProtocolHandlerError } from './system/handlers.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS, runWithin, SliceTimeout } from './handler-watchdog.ts';
import { DigestTimeout, endDigests } from './end-digests.ts';
import { InputError } from '../core/input-error.ts';
import type { Choice } from './system/choice.ts';
import { resolveProtocol } from './resolve-protocol.ts';
import type { OnlineChecker, RunViolation } from './online-checker.ts';
import { defaultChecker, promisedProperties } from './online-checker.ts';
import { driveToEnd } from './steps.ts';
import { notQuiet, scheduleSettle } from './settle-phase.ts';

// The defaults live beside the validation that checks a scenario can end within them.
import { DEFAULT_LIMITS, DEFAULT_QUIET_WINDOW_US } from '../scenarios/run-bounds.ts';
export { DEFAULT_LIMITS, DEFAULT_QUIET_WINDOW_US };

export interface RunOptions {
  seed: string;
  /** Receives the header and every event, serialized, as the run goes. */
  traceSink?: TraceSink;
  /** Use this protocol instead of the scenario's (tests, mutants). */
  protocol?: AnyProtocol;
  /** Extra header fields (for example the mutant's name). */
  headerExtra?: Record<string, unknown>;
  /** The online checker; default the full trace checker, null for none. */
  checker?: OnlineChecker | null;
  /** Stop the run at the first violation (the trace then has no liveness verdict). */
  stopOnViolation?: boolean;
  /** Polled every slice (`sliceEvents` events): true ends the run early, as interrupted (a user's Ctrl-C). */
  shouldStop?: () => boolean;
  /** Hears every choice the timed scheduler makes (sim/system/choice.ts), for replay without the clock. */
  onChoice?: (choice: Choice) => void;
  /** What the trace records (header `detail`); default the scenario's `detail`, else `app`. */
  detail?: TraceDetail;
  /**
   * False: the header says nothing of the detail (replaying a trace from
   * before detail levels, recorded at `app`, byte for byte). Default true.
   */
  headerDetail?: boolean;
  /** Hears every numbered trace event as it is written (comparing detail levels, tests). */
  onEvent?: (event: TraceEvent) => void;
  /**
   * Wall-clock bound (ms) on each slice (`sliceEvents` events) and on the
   * start-up: past it, the run fails as a handler that did not return
   * (sim/handler-watchdog.ts). Default DEFAULT_HANDLER_TIMEOUT_MS. Null:
   * no bound here, the caller bounds the run another way (a suite worker,
   * watched by its pool: sim/suite/heartbeat.ts).
   */
  handlerTimeoutMs?: number | null;
  /**
   * Events per slice (between yields, each slice one wall-clock-bounded
   * call); default SLICE_EVENTS. Changes nothing the run does, only how
   * often it yields (specs ask for small slices to see many).
   */
  sliceEvents?: number;
  /** Hears the run's write ledger when it is made (benches and tests read its peak size). */
  onWriteLedger?: (ledger: WriteLedger) => void;
}

/**
 * Network events a trace may hold per allowed application event
 * (`limits.maxTraceEvents` counts application events only, so a run
 * re-recorded at `full` hits no bound its `app` run did not).
 */
export const NETWORK_EVENTS_PER_TRACE_EVENT = 64;

/**
 * Events between two yields of `runScenarioSteps`: some 20 ms of work, so
 * Ctrl-C and the progress line are still prompt. Each slice is one call
 * through node:vm (sim/handler-watchdog.ts), which starts and joins a
 * watchdog thread: at 1024 events a slice, on an idle machine, that made
 * `--workers 1` 33% slower in wall time (the default suite, seeds 1..20:
 * 15.5 s against 11.7 s without the bound); at 16,384 events, 6%.
 */
export const SLICE_EVENTS = 16_384;

/** The failure of a run a handler (or a slice) did not finish within the wall-clock bound: the one verdict that depends on the machine's load. */
export const WALL_CLOCK_FAILURE = 'error: did not return within the wall-clock bound';

export interface RunResult {
  scenario: string;
  seed: string;
  protocol: string;
  passed: boolean;
  /** Why the run failed, in words ("violations", "bound hit: maxEvents", ...). */
  failure: string | null;
  violations: RunViolation[];
  checked: string[];
  skipped: string[];
  warnings: string[];
  quiescent: boolean;
  boundHit: string | null;
  /** A protocol or simulator exception: the run died, its trace has no `end`. */
  error: string | null;
  /**
   * Set when that exception is the protocol refusing the scenario (an
   * InputError, e.g. a static group asked to take a joiner): the scenario is
   * bad input for this protocol, not a protocol bug. The hunt drops such
   * candidates instead of reporting them.
   */
  refused?: string;
  /** Every live process's application state equal at the end (null: not judged). */
  replicasAgree: boolean | null;
  traceEvents: number;
  simEvents: number;
  simTimeUs: number;
  multicasts: number;
  deliveries: number;
  messagesSent: number;
  /** What the random fault generator injected, as schedule entries (for shrinking). */
  randomFaults: ScheduledFault[];
  /** True when `shouldStop` ended the run before it settled. */
  interrupted?: boolean;
}

export function runScenario(scenario: Scenario, options: RunOptions): RunResult {
  return driveToEnd(runScenarioSteps(scenario, options));
}

/**
 * The run as steps: yields the simulated time every `sliceEvents` events, so a
 * caller can show progress or give the event loop a turn (signals) between
 * slices; the result is the same however it is driven.
 */
export function* runScenarioSteps(scenario: Scenario, options: RunOptions): Generator<number, RunResult, void> {
  const protocol = options.protocol ?? resolveProtocol(scenario);
  const limits = { ...DEFAULT_LIMITS, ...scenario.limits };
  const rng = new Rng(options.seed);
  const sink = options.traceSink;
  const promised = promisedProperties(scenario.properties, protocol.properties);
  const checker = options.checker === undefined ? defaultChecker(promised) : options.checker;
  const violations: RunViolation[] = [];
  const detail: TraceDetail = options.detail ?? scenario.detail ?? 'app';
  const recordsNetwork = detail !== 'app';
  const maxNetworkEvents = limits.maxTraceEvents * NETWORK_EVENTS_PER_TRACE_EVENT;
  const timeoutMs = options.handlerTimeoutMs === undefined ? DEFAULT_HANDLER_TIMEOUT_MS : options.handlerTimeoutMs;
  const sliceEvents = options.sliceEvents ?? SLICE_EVENTS;
  let traceEvents = 0;
  let appEvents = 0;
  let networkEvents = 0;
  let stopRequested = false;
  let interrupted = false;

  const initialMembers = Array.from({ length: scenario.processes }, (_, k) => `p${k + 1}`);
  const ledger = new WriteLedger({ initialMembers, protocol });
  options.onWriteLedger?.(ledger);
  const record = (event: UnnumberedEvent): void => {
    ledger.recorded(event);
    if (recordsNetwork && isNetworkEvent(event as { type: string })) {
      if (networkEvents++ >= maxNetworkEvents) throw new BoundHit('maxTraceEvents (network events)');
    } else if (appEvents++ >= limits.maxTraceEvents) throw new BoundHit('maxTraceEvents');
    const numbered: TraceEvent = numberEvent(event, traceEvents++);
    sink?.write(serializeLine(numbered));
    options.onEvent?.(numbered);
    if (checker !== null) {
      const found = checker.push(numbered);
      if (found.length > 0) {
        violations.push(...found);
        if (options.stopOnViolation) {
          stopRequested = true;
          world.halt();
        }
      }
    }
  };

  sink?.write(
    serializeLine(
      makeHeader({
        protocol: protocol.name,
        scenario: scenario.name,
        seed: options.seed,
        ...(options.headerDetail === false ? {} : { detail }),
        ...headerExtraWithoutDetail(options.headerExtra),
        ...(promised === undefined ? {} : { properties: promised }),
        // In the validator's field order, so a replayed header is the same bytes.
        scenarioSpec: validateScenario(JSON.parse(JSON.stringify(scenario)), `scenario ${scenario.name}`),
      }),
    ),
  );

  const network = new Network(scenario.network, rng.child('network'));
  const world = new World({
    protocol,
    network,
    queueCapacity: limits.maxInFlight,
    record,
    driftPpm: scenario.clockDriftPpm ?? {},
    traceEventIndex: () => traceEvents,
    detail,
    onRequest: (pid, request) => ledger.requested(pid, request),
  });
  if (options.onChoice !== undefined) world.system.onChoice = options.onChoice;
  const faults = new FaultDriver(world, {
    spec: scenario.faults ?? {},
    rng: rng.child('faults'),
    initialHosts: scenario.processes,
    hosts: [...hostStartTimes(scenario).keys()],
    leaves: scenario.workload.leaves ?? [],
  });

  let settled = false;
  // The live processes the protocol still called busy when the settle phase ran out (none when it went quiet).
  let busyAtEnd: readonly string[] = [];
  let boundHit: string | null = null;
  let error: string | null = null;
  let refused: string | undefined;
  let timedOut = false;
  try {
    const startUp = (): void => {
      for (const host of initialMembers) world.startProcess(host, { mode: 'member', initialMembers });
      startWorkload(world, {
        spec: scenario.workload,
        rng: rng.child('workload'),
        initialHosts: scenario.processes,
        durationUs: scenario.durationUs,
      });
      faults.start();
      world.at(scenario.durationUs, () => {
        faults.endFaultPhase();
        scheduleSettle(world, scenario, (busy) => {
          settled = true;
          busyAtEnd = busy;
          world.halt();
        });
      });
    };
    // The first slice starts the processes (their init handlers) too: one wall-clock-bounded call less per run.
    let startedUp = false;
    const slice = (): number => {
      if (!startedUp) {
        startedUp = true;
        startUp();
      }
      return world.runEvents(sliceEvents, limits.maxEvents);
    };
    for (;;) {
      const ran = timeoutMs === null ? slice() : runWithin(timeoutMs, slice);
      if (ran === sliceEvents) {
        yield world.nowUs;
        if (options.shouldStop?.() === true) interrupted = stopRequested = true;
      }
      if (settled || stopRequested) break;
      if (ran < sliceEvents) {
        // Nothing can ever happen again: as settled as a run gets.
        settled = world.nowUs >= scenario.durationUs;
        break;
      }
    }
  } catch (caught) {
    if (caught instanceof BoundHit) boundHit = caught.bound;
    // A protocol bug names the process, handler, event and time, with the protocol's own frames only.
    else if (caught instanceof ProtocolHandlerError) {
      error = caught.describe();
      if (caught.cause instanceof InputError) refused = caught.cause.message;
    }
    // A handler that never returned: the trace stops there, with no `end`, as for a handler that threw.
    else if (caught instanceof SliceTimeout) {
      error = caught.describe(traceEvents, world.nowUs);
      timedOut = true;
    }
    else error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
  }

  const quiescent = settled && boundHit === null && error === null && !stopRequested;
  if (error === null) {
    try {
      record({ type: 'end', t: world.nowUs, quiescent });
    } catch (caught) {
      if (caught instanceof BoundHit) boundHit = caught.bound;
      else throw caught;
    }
  }
  sink?.flush();

  const verdict = checker?.finish();
  // The full list: liveness violations appear only when the checker finishes.
  if (verdict !== undefined) violations.splice(0, violations.length, ...verdict.violations);
  // Taken once, within the same wall-clock bound as the slices: a plugin's appDigest is protocol code too.
  let digests: ReadonlyMap<string, string | null> | null = null;
  if (quiescent) {
    try {
      digests = endDigests(world.protocol.appDigest, world.liveProcesses(), timeoutMs);
    } catch (caught) {
      if (!(caught instanceof DigestTimeout)) throw caught;
      error = caught.describe(traceEvents, world.nowUs);
      timedOut = true;
    }
  }
  const judged = quiescent && !timedOut;
  const replicasAgree = judged ? compareReplicas(digests) : null;
  const requestsLost = judged ? ledger.unanswered(world.liveProcesses().map((p) => p.pid)) : null;
  const writesUnapplied = judged && digests !== null ? ledger.unappliedWritesIn(world.protocol, digests) : null;
  const failure =
    timedOut ? WALL_CLOCK_FAILURE
    : error !== null ? 'error: protocol or simulator threw'
    : boundHit !== null ? `bound hit: ${boundHit}`
    : violations.length > 0 ? `violated: ${[...new Set(violations.map((v) => v.property))].join(', ')}`
    : replicasAgree === false ? 'replicas disagree at the end'
    : requestsLost !== null ? requestsLost
    : writesUnapplied !== null ? writesUnapplied
    : quiescent && busyAtEnd.length > 0 ? notQuiet(busyAtEnd, scenario.settleUs)
    : interrupted ? 'interrupted'
    : null;
  return {
    scenario: scenario.name,
    seed: options.seed,
    protocol: protocol.name,
    passed: failure === null,
    failure,
    violations,
    checked: verdict?.checked ?? [],
    skipped: verdict?.skipped ?? [],
    warnings: verdict?.warnings ?? [],
    quiescent,
    boundHit,
    error,
    replicasAgree,
    traceEvents,
    simEvents: world.simEvents,
    simTimeUs: world.nowUs,
    multicasts: world.system.counts.multicasts,
    deliveries: world.system.counts.deliveries,
    messagesSent: world.system.counts.messagesSent,
    randomFaults: faults.randomFaultsApplied,
    ...(interrupted ? { interrupted } : {}),
    ...(refused !== undefined ? { refused } : {}),
  };
}

/** The header's `detail` is the run's own: an extra field of that name (a copied header) never overrides it. */
function headerExtraWithoutDetail(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (extra === undefined || !('detail' in extra)) return extra ?? {};
  const { detail: _detail, ...rest } = extra;
  return rest;
}

/** Every live process's application state digest equal (null: no digest to compare). */
function compareReplicas(digests: ReadonlyMap<string, string | null> | null): boolean | null {
  if (digests === null) return null;
  let first: string | null | undefined;
  for (const d of digests.values()) {
    if (d === null) continue;
    if (first === undefined) first = d;
    else if (d !== first) return false;
  }
  return first === undefined ? null : true;
}
