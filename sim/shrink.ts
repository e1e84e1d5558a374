// Shrinking: from a failing run, search for a smaller scenario that still
// fails the same way (the same violated property, or the same kind of
// failure), so the user debugs the smallest counterexample we can find.
//
// The same failure, not any failure: a candidate is kept only when its run
// violates the property the original run violated first (its trace id), or
// fails the same way when no property was violated, and ends no worse (a
// protocol error or a simulator bound the original run did not hit is
// another bug, or none, even with the property violated on the way). A
// candidate that fails only another property shows another bug: the shrink
// would slide to whichever bug is smallest. `anyFailure` (`--any-failure`)
// asks for that slide: any failing candidate is kept, and the outcome says
// what the shrunk run fails.
//
// Greedy and deterministic, in the spirit of delta debugging: first the
// random fault generator's faults are written out as an explicit schedule
// (so they can be removed one by one, each at the exact microsecond it
// struck), then passes (sim/shrink-candidates.ts) try, in turn: a fault
// phase cut just after the violation (the run up to it is the same run) or
// shorter, the timed events sooner, fewer multicasts (a coarse-to-fine
// search down to 0), a later workload start (the first multicasts dropped,
// the last ones kept: `workload.startUs`), dropping any one host (the hosts after it renumbered,
// every reference rewritten: sim/shrink-hosts.ts), dropping a fault,
// dropping a join, one joiner (sim/shrink-hosts.ts) or a leave, a calmer network (down to fixed delays, which
// draw nothing), a lower multicast rate, a shorter settle phase, two
// changes at once (a host fewer and at most 10 multicasts, or the last
// 10), and last a
// faster failure detector (sim/shrink-timers.ts: the isis stack, when each
// candidate runs a protocol built from its own options). The later start,
// a timed crash rewritten as its host's leave, a host dropped with the
// original's multicast rate and cap (sim/shrink-rewrites.ts) and a
// note-triggered fault at an earlier note join only once the search without
// them has converged; a timed crash or leave rewritten as a join with two
// hosts fewer, or as one host's false suspicion with a host fewer
// (sim/shrink-rewrites.ts), only once that second phase has converged in
// turn. Each round starts with the pass that last made progress. Any candidate that still
// fails becomes the current scenario and the passes start over.
//
// With a reference protocol (`referenceFor`: for a mutant, the real one), a
// liveness failure's candidate is kept only if the reference passes it, and
// only then do its candidates change what the group does (a crash as a
// leave, an added leave): a liveness failure can be the scenario's own.
//
// When a round on the current seed makes no progress, the candidates that
// make the failure smaller by the aim's measures (fewer hosts, multicasts,
// faults, joins, leaves) are tried on other seeds (sim/shrink-seeds.ts): a
// smaller workload changes the run's whole random stream, so a race rarely
// recurs on the same seed but often on another. A candidate that fails the
// same way there is kept with that seed (the outcome's `seed`), and the
// rounds go on from it. It repeats to a fixpoint (no pass makes progress on
// any seed) or stops at the attempt bound (every run counts, on any seed; a candidate
// tried again on the same seed is replayed from its first run, not run),
// and says which (`boundHit`).
//
// Last, with a reference protocol, a settle phase the reference does not pass
// is lengthened until it does (sim/shrink-settle.ts): the shrunk file is then
// a regression scenario. A shorter settle phase is checked against the
// reference either at each step or only there; the two change the search's
// path, so both may run, one after the other, the smaller result kept
// (sim/shrink-portfolio.ts). Each candidate runs within a wall-clock bound derived
// from the original run's (sim/shrink-handler-bound.ts), so a candidate that
// hangs costs about a second, not the run's 10. A candidate of a safety
// failure runs only until the target's first violation (sim/shrink-stop.ts),
// where the search asks only whether it fails the same way; a kept one runs
// again in full, for the candidates made from it and the outcome.
import { isValidScenario } from '../scenarios/validate.ts';
import type { Scenario } from '../scenarios/types.ts';
import { defaultChecker, promisedProperties } from './online-checker.ts';
import { resolveProtocol } from './resolve-protocol.ts';
import { runScenarioSteps, type RunResult } from './run.ts';
import { ACROSS_SEEDS, candidates, PASS, PASSES, type Candidate, type CandidateOptions, type CurrentRun } from './shrink-candidates.ts';
import { DEFAULT_MAX_ATTEMPTS, type ShrinkOptions } from './shrink-options.ts';
import { sizeOf, type ShrinkOutcome } from './shrink-outcome.ts';
import { materializeRandomFaults } from './shrink-rewrites.ts';
import { CHEAP_SEEDS_FACTOR, DEFAULT_OTHER_SEEDS, otherSeedsFor, otherSeedsOf, seedPool } from './shrink-seeds.ts';
import { addsNoFailure, failsSameWay, isLivenessTarget, targetOf, type ShrinkTarget } from './shrink-target.ts';
import { watchedChecker, type Watched } from './shrink-watch.ts';
import { driveToEnd } from './steps.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS } from './handler-watchdog.ts';
import { candidateBoundMs, timedOut } from './shrink-handler-bound.ts';
import { longerSettles } from './shrink-settle.ts';
import { portfolioSteps, type PastRun, type SearchOptions, type SettleChecks } from './shrink-portfolio.ts';
import { stopPropertyOf, stoppingAt } from './shrink-stop.ts';
import type { AnyProtocol } from '../protocol/types.ts';

export { failsSameWay, targetOf, type ShrinkTarget } from './shrink-target.ts';
export { DEFAULT_MAX_ATTEMPTS, type ShrinkOptions } from './shrink-options.ts';
export { sizeOf, type ScenarioSize, type ShrinkOutcome } from './shrink-outcome.ts';

export function shrinkScenario(scenario: Scenario, options: ShrinkOptions): ShrinkOutcome {
  return driveToEnd(shrinkSteps(scenario, options));
}

/** The search as steps (see sim/steps.ts): it yields inside every candidate run. */
export function* shrinkSteps(scenario: Scenario, options: ShrinkOptions): Generator<unknown, ShrinkOutcome, void> {
  return yield* portfolioSteps(scenario, options, searchSteps);
}

/**
 * One greedy search under `settleChecks` (sim/shrink-portfolio.ts): whether a shorter settle phase is
 * kept only if the reference passes it ('each'), or left to the step at the end ('at-end').
 */
function* searchSteps(scenario: Scenario, options: SearchOptions, settleChecks: SettleChecks): Generator<unknown, ShrinkOutcome, void> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const stop = options.shouldStop;
  const otherSeeds = options.otherSeeds ?? DEFAULT_OTHER_SEEDS;
  if (!Number.isInteger(otherSeeds) || otherSeeds < 0) throw new Error(`shrinkScenario: otherSeeds must be a whole number >= 0, got ${otherSeeds}`);
  const pool = seedPool(options.seed, otherSeeds * CHEAP_SEEDS_FACTOR);
  const runBoundMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  // The original runs within the run's bound; the candidates within one derived from its wall-clock time.
  let boundMs = runBoundMs;
  let candidatesTimedOut = 0;
  // `stopAt`: the run ends at that property's first violation (sim/shrink-stop.ts); none: it runs in full.
  const run = function* (s: Scenario, seed: string, interruptible: boolean, stopAt?: string): Generator<number, Watched & { result: RunResult }, void> {
    const protocol = options.protocolFor?.(s) ?? options.protocol ?? resolveProtocol(s);
    const watched = watchedChecker(defaultChecker(promisedProperties(s.properties, protocol.properties)));
    const result = yield* runScenarioSteps(s, {
      seed,
      stopOnViolation: stopAt !== undefined,
      protocol,
      checker: stopAt !== undefined ? stoppingAt(watched.checker, stopAt) : watched.checker,
      handlerTimeoutMs: boundMs,
      ...(interruptible && stop !== undefined ? { shouldStop: stop } : {}),
    });
    return { result, firstAtUs: watched.firstAtUs, multicastTimesUs: watched.multicastTimesUs, viewTimesUs: watched.viewTimesUs };
  };
  // The original run always finishes: without it there is no target.
  const startedMs = performance.now();
  const firstRun = yield* run(scenario, options.seed, false);
  const first = firstRun.result;
  boundMs = options.candidateTimeoutMs ?? candidateBoundMs(performance.now() - startedMs, first, runBoundMs);
  const target = targetOf(first);
  if (target === null) throw new Error('shrinkScenario: the run passes; there is nothing to shrink');
  const anyFailure = options.anyFailure === true;
  // What the current scenario fails: the target, unless anyFailure kept a candidate failing something else.
  let currentTarget: ShrinkTarget = target;
  const keeps = (result: RunResult): boolean => (anyFailure ? !result.passed : failsSameWay(result, target, first));
  const violationAt = (firstAtUs: Map<string, number>, of: ShrinkTarget): number | undefined =>
    of.kind === 'property' ? firstAtUs.get(of.property) : undefined;

  let current = scenario;
  let currentSeed = options.seed;
  let currentResult = first;
  let currentViolationAtUs = violationAt(firstRun.firstAtUs, target);
  let currentMulticastTimesUs = firstRun.multicastTimesUs;
  let currentViewTimesUs = firstRun.viewTimesUs;
  let multicastFloor = -1;
  let startFloor = -1;
  let attempts = 0;
  let interrupted = false;
  // Whether a settle phase kept here is one the reference fails (sim/shrink-portfolio.ts): not counted.
  let pathsDiverge = false;
  // A second search of the portfolio numbers its attempts after the first's (the CLI's progress line).
  const attemptsBefore = options.attemptsBefore ?? 0;
  const pastRuns = options.pastRuns;
  // Whether trying `candidate` on `seed` costs an attempt (a run made before is replayed; so is an invalid one, never run).
  // A run stopped at a violation and a full one are two runs (sim/shrink-stop.ts): the key says which.
  const runKey = (candidate: Scenario, seed: string, stopAt: string | undefined): string => JSON.stringify([seed, candidate, stopAt ?? null]);
  // The property a candidate of `pass` stops at: none for a time-only pass, which compares whole outcomes (addsNoFailure).
  const stopFor = (pass: number): string | undefined => (timeOnly.has(pass) || options.stopAtViolation === false ? undefined : stopPropertyOf(currentTarget));
  const mustRun = (candidate: Scenario, seed: string, pass: number): boolean => pastRuns === undefined || !pastRuns.has(runKey(candidate, seed, stopFor(pass)));
  // The run of `candidate` on `seed` (stopped at `stopAt`, or whole), replayed if made before; `fresh`: it ran now.
  const runOnce = function* (candidate: Scenario, seed: string, stopAt: string | undefined): Generator<number, { ran: PastRun; fresh: boolean }, void> {
    const key = pastRuns !== undefined ? runKey(candidate, seed, stopAt) : '';
    const past = pastRuns?.get(key);
    if (past !== undefined) return { ran: past, fresh: false };
    const ran = yield* run(candidate, seed, true, stopAt);
    if (ran.result.interrupted !== true) pastRuns?.set(key, ran);
    return { ran, fresh: true };
  };
  // A liveness failure the reference protocol shares is the scenario's, not the bug's. Run only for a
  // candidate that failed the same way (few), and not counted as an attempt of its own.
  const referenceFor = options.referenceFor;
  // The passes that only shorten the run's time: they keep a candidate only if it fails nothing new.
  const timeOnly = new Set<number>([PASS.settle, PASS.timers]);
  // So is one that a time-only pass (a shorter settle phase, a faster detector) made: for the settle
  // phase, unless this search leaves that to the step at its end.
  const referenceChecked = new Set<number>(settleChecks === 'each' ? timeOnly : [PASS.timers]);
  const passesReference = function* (candidate: Scenario, seed: string, pass: number, always: boolean): Generator<number, boolean, void> {
    if (referenceFor === undefined || (!always && !isLivenessTarget(currentTarget) && !referenceChecked.has(pass))) return true;
    return yield* referencePasses(referenceFor, candidate, seed);
  };
  const referencePasses = function* (reference: (s: Scenario) => AnyProtocol, candidate: Scenario, seed: string): Generator<number, boolean, void> {
    const result = yield* runScenarioSteps(candidate, {
      seed, stopOnViolation: false, protocol: reference(candidate), handlerTimeoutMs: boundMs, ...(stop !== undefined ? { shouldStop: stop } : {}),
    });
    // A reference run cut short proves nothing either: the candidate is not kept, and the search stops.
    if (result.interrupted === true) interrupted = true;
    return result.passed && result.interrupted !== true;
  };
  // `mustPassReference`: the reference is run whatever the pass and the policy (the settle step at the end).
  const attempt = function* (candidate: Scenario, what: string, seed: string, pass: number, mustPassReference = false): Generator<number, boolean, void> {
    if (stop?.() === true) {
      interrupted = true;
      return false;
    }
    if (!isValidScenario(candidate)) return false; // e.g. a fault still naming a joiner whose join was dropped
    // A run made before (by this search or an earlier one of the portfolio) is replayed, not run
    // again: not an attempt (the same candidate on the same seed runs the same).
    const stopAt = stopFor(pass);
    const { ran, fresh } = yield* runOnce(candidate, seed, stopAt);
    const { result } = ran;
    if (fresh) attempts++;
    if (fresh && timedOut(result)) candidatesTimedOut++;
    // A run cut short proves nothing about the candidate.
    if (result.interrupted === true) {
      interrupted = true;
      return false;
    }
    const kept = keeps(result) && (!timeOnly.has(pass) || addsNoFailure(result, currentResult)) && (yield* passesReference(candidate, seed, pass, mustPassReference));
    if (fresh) options.onAttempt?.(attempts + attemptsBefore, kept, seed === currentSeed ? what : `${what}, on seed ${seed}`);
    // Would the search that checks each settle phase refuse this one? If never, it walks this very path.
    if (kept && referenceFor !== undefined && !referenceChecked.has(pass) && timeOnly.has(pass) && !pathsDiverge && !mustPassReference) {
      pathsDiverge = !(yield* referencePasses(referenceFor, candidate, seed));
    }
    // A kept candidate's run stopped at the violation is run again in full (not an attempt: one per kept
    // candidate): the next candidates are made from its whole run (its multicasts, views, trace size), and
    // the time-only passes compare whole outcomes with it. The search walks the path full runs gave it.
    let whole: PastRun = ran;
    if (kept && stopAt !== undefined && result.violations.some((v) => v.property === stopAt)) {
      const { ran: rerun } = yield* runOnce(candidate, seed, undefined);
      // Cut short, it proves nothing more: the candidate stays kept (it fails the same way) with its stopped run, and the search ends.
      if (rerun.result.interrupted === true) interrupted = true;
      else whole = rerun;
    }
    const { firstAtUs, multicastTimesUs, viewTimesUs } = whole;
    if (kept) {
      current = candidate;
      currentSeed = seed;
      currentResult = whole.result;
      // Under anyFailure the target property, if still violated, stays the one to keep (and to cut after).
      if (anyFailure && !failsSameWay(whole.result, currentTarget)) currentTarget = targetOf(whole.result) ?? currentTarget;
      currentViolationAtUs = violationAt(firstAtUs, currentTarget);
      currentMulticastTimesUs = multicastTimesUs;
      currentViewTimesUs = viewTimesUs;
    }
    return kept;
  };

  let boundHit = false;
  const candidateOptions: CandidateOptions = {
    ...(options.moveEvents !== undefined ? { moveEvents: options.moveEvents } : {}),
    laterStart: options.laterStart !== false,
    crashesAsLeaves: options.crashesAsLeaves !== false,
    earlierNotes: options.earlierNotes !== false,
    departureRewrites: options.departureRewrites !== false,
    ...(options.busierHostDrops !== false ? { busierFrom: scenario } : {}),
    // A fixed protocol object ignores the candidate's options: changing them would prove nothing.
    protocolOptions: options.protocolFor !== undefined || options.protocol === undefined,
    reference: options.referenceFor !== undefined,
  };
  const materialized = materializeRandomFaults(current, currentResult);
  if (materialized !== null) yield* attempt(materialized, 'random faults written out as a schedule', currentSeed, -1);

  // Each round starts with the pass that made the last progress (then the later passes, then the
  // earlier ones): a pass that just worked (dropping a host) tends to work again, and the passes that
  // just failed are retried last instead of first.
  let firstPass = 0;
  // Two phases: the search without a later start, crashes as leaves or earlier notes to its fixpoint (on every
  // seed), then with them. A later start taken early keeps the search on a seed where the race recurs
  // with the last multicasts but no host drop keeps it (flush-drops-departed ended at 5 hosts instead
  // of 3), so they only go on from where the search without them stopped: never larger than that.
  // A third phase adds a departure as a join or as one host's false suspicion (sim/shrink-rewrites.ts) the
  // same way, once the second converged:
  // taken in the second, it kept flush-early-install at 3 hosts and a joiner (4 processes) where the second
  // phase alone reaches 3 hosts.
  const { busierFrom: _busierFrom, ...withoutBusier } = candidateOptions;
  const firstPhase: CandidateOptions = { ...withoutBusier, laterStart: false, crashesAsLeaves: false, earlierNotes: false, departureRewrites: false };
  const secondPhase: CandidateOptions = { ...candidateOptions, departureRewrites: false };
  const second = candidateOptions.laterStart === true || candidateOptions.crashesAsLeaves === true || candidateOptions.earlierNotes === true ||
    candidateOptions.busierFrom !== undefined;
  const phases = [firstPhase, ...(second ? [secondPhase] : []), ...(candidateOptions.departureRewrites === true ? [candidateOptions] : [])];
  for (const [phase, phaseOptions] of phases.entries()) {
    if (interrupted || boundHit) break;
    // The previous phase ended at its fixpoint on this scenario, and from the third phase on on the same
    // seeds (sim/shrink-seeds.ts: the second phase's): its candidates lost there, on every seed they were
    // tried on, so the first round here tries only the candidates this phase adds (the same runs would
    // lose again: flush-early-install spent its last 430 attempts on them, to the bound).
    let triedAtFixpoint: Set<string> | null = null;
    if (phase > 0) {
      if (phase > 1) {
        const atFixpoint: CurrentRun = {
          result: currentResult, violationAtUs: currentViolationAtUs, multicastFloor: -1, multicastTimesUs: currentMulticastTimesUs, startFloor: -1,
          viewTimesUs: currentViewTimesUs,
        };
        triedAtFixpoint = new Set([...candidates(current, atFixpoint, currentTarget, phases[phase - 1] as CandidateOptions)].map((c) => JSON.stringify(c.scenario)));
      }
      firstPass = PASS.start;
      multicastFloor = -1;
      startFloor = -1;
    }
    const untried = (c: Candidate): boolean => triedAtFixpoint === null || !triedAtFixpoint.has(JSON.stringify(c.scenario));
    let progress = true;
    let firstRound = true;
    while (progress && !interrupted) {
      progress = false;
      // After a round, the scenario or what lost changed: every candidate again.
      if (!firstRound) triedAtFixpoint = null;
      firstRound = false;
      const known: CurrentRun = {
        result: currentResult, violationAtUs: currentViolationAtUs, multicastFloor, multicastTimesUs: currentMulticastTimesUs, startFloor,
        viewTimesUs: currentViewTimesUs,
      };
      const all = [...candidates(current, known, currentTarget, phaseOptions)].filter(untried);
      const order = (c: Candidate): number => (c.pass - firstPass + PASSES) % PASSES;
      const round = all.map((c, k) => ({ c, k })).sort((a, b) => order(a.c) - order(b.c) || a.k - b.k).map(({ c }) => c);
      for (const { what, scenario: candidate, pass, cap, keep } of round) {
        // A candidate is left untried: the search did not converge, whatever the last attempt did.
        if (attempts >= maxAttempts && mustRun(candidate, currentSeed, pass)) {
          boundHit = true;
          break;
        }
        if (yield* attempt(candidate, what, currentSeed, pass)) {
          progress = true;
          firstPass = pass;
          // A cap that lost the failure says little once something else has changed.
          if (pass !== PASS.multicasts) multicastFloor = -1;
          if (pass !== PASS.start) startFloor = -1;
          break;
        }
        if (interrupted) break;
        if (cap !== undefined) multicastFloor = Math.max(multicastFloor, cap);
        if (keep !== undefined) startFloor = Math.max(startFloor, keep);
      }
      if (progress || interrupted || boundHit || otherSeeds === 0) continue;
      // A fixpoint on this seed: the smaller candidates on the other seeds, each on all of them before the next.
      const fresh: CurrentRun = { ...known, multicastFloor: -1, startFloor: -1 };
      const smaller = [...candidates(current, fresh, currentTarget, phaseOptions)]
        .filter((c) => ACROSS_SEEDS.has(c.pass) && untried(c));
      // The second phase tries a cheap safety failure's candidates on more seeds (sim/shrink-seeds.ts). Not
      // a liveness failure's: the scenario itself can make one (on 32 seeds, leave-relies-on-lost-ack's
      // shrink found a lone member leaving before a joiner came, which no protocol can admit).
      const more = phase > 0 && !isLivenessTarget(currentTarget);
      const seeds = otherSeedsOf(pool, currentSeed, more ? otherSeedsFor(otherSeeds, currentResult.traceEvents) : otherSeeds);
      across: for (const { what, scenario: candidate, pass } of smaller) {
        for (const seed of seeds) {
          if (attempts >= maxAttempts && mustRun(candidate, seed, pass)) {
            boundHit = true;
            break across;
          }
          if (yield* attempt(candidate, what, seed, pass)) {
            progress = true;
            firstPass = pass;
            multicastFloor = -1; // the caps (and starts) that lost did so on another seed
            startFloor = -1;
            break across;
          }
          if (interrupted) break across;
        }
      }
    }
  }
  // The shrunk scenario as a regression scenario (sim/shrink-settle.ts): a settle phase the reference passes.
  let referencePassesShrunk: boolean | undefined;
  if (referenceFor !== undefined && !interrupted) {
    referencePassesShrunk = yield* referencePasses(referenceFor, current, currentSeed);
    for (const settleUs of referencePassesShrunk || interrupted ? [] : longerSettles(current.settleUs, scenario.settleUs)) {
      if (attempts >= maxAttempts) {
        boundHit = true;
        break;
      }
      // As a settle pass: kept only if it fails the same way, nothing new, and the reference passes it.
      if (yield* attempt({ ...current, settleUs }, `settle phase ${settleUs} us, which the reference passes`, currentSeed, PASS.settle, true)) {
        referencePassesShrunk = true;
        break;
      }
      if (interrupted) break;
    }
  }
  return {
    target,
    shrunkTarget: currentTarget,
    anyFailure,
    original: scenario,
    shrunk: current,
    seed: currentSeed,
    before: sizeOf(scenario, first),
    after: sizeOf(current, currentResult),
    result: currentResult,
    attempts,
    boundHit,
    interrupted,
    candidateTimeoutMs: boundMs,
    candidatesTimedOut,
    referencePasses: referencePassesShrunk,
    settleChecksDiverge: pathsDiverge,
  };
}
