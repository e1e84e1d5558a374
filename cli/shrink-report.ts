// Shrinks one failing scenario and prints the before/after sizes; shared by
// `vsynclab shrink` and `vsynclab run --shrink`. The search gives the event
// loop a turn inside every candidate run, so Ctrl-C stops it: the smallest
// failing scenario found so far is still written.
import chalk from 'chalk';
import type { Scenario } from '../scenarios/types.ts';
import type { TraceDetail } from '../traces/schema.ts';
import { shrinkSteps, type ScenarioSize, type ShrinkTarget } from '../sim/shrink.ts';
import { writeShrinkResult } from '../sim/shrink-files.ts';
import { isLivenessTarget } from '../sim/shrink-target.ts';
import { runScenarioSteps } from '../sim/run.ts';
import { driveYielding } from '../sim/steps.ts';
import { mutantRunOptions } from '../sim/mutant-run.ts';
import { resolveProtocol } from '../sim/resolve-protocol.ts';
import { replayTraceCommand, runScenarioCommand, type RunContext } from './describe-run.ts';
import { interruption, shouldStop } from './interrupt.ts';
import { StatusLine, progressWanted } from './progress.ts';

/** A scenario's processes as the shrink aim counts them: "2+1" is two hosts from the start and one joiner. */
export function processCount(size: Pick<ScenarioSize, 'processes' | 'joiners'>): string {
  return size.joiners > 0 ? `${size.processes}+${size.joiners}` : String(size.processes);
}

export interface ShrinkReportOptions {
  maxAttempts: number;
  /** Plugins and mutant of the run: the shrunk run needs the same (and its printed commands name them). */
  context: RunContext;
  /** Show progress on standard error even when it is not a terminal. */
  progress: boolean;
  /** The detail of the shrunk run's trace; default `full` (a failing run's trace comes with its causes). */
  detail?: TraceDetail;
  /** Shrink on the run's seed alone (`--keep-seed`); default: also on other seeds (sim/shrink-seeds.ts). */
  keepSeed?: boolean;
  /** Keep any failing candidate (`--any-failure`); default: only those failing the original's property. */
  anyFailure?: boolean;
  /** The wall-clock bound (ms) on a slice of the original run (`--handler-timeout-s`), the candidates' ceiling. */
  handlerTimeoutMs?: number;
}

export type ShrinkReportOutcome = 'shrunk' | 'passes' | 'interrupted';

/** 'passes' when the scenario does not fail with this seed (nothing written). */
export async function shrinkAndReport(scenario: Scenario, seed: string, base: string, options: ShrinkReportOptions): Promise<ShrinkReportOutcome> {
  const mutant = options.context.mutant;
  const extra = mutantRunOptions(scenario, mutant);
  // Each candidate runs the mutant built from its own protocol options (a faster failure detector is a candidate).
  const protocolFor = (s: Scenario) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s);
  // A mutant's failure has a correct protocol to compare with: the real one must pass a kept liveness candidate.
  const reference = extra.protocol !== undefined ? { referenceFor: (s: Scenario) => resolveProtocol(s) } : {};
  const status = new StatusLine(progressWanted(options.progress));
  const label = `shrink ${scenario.name} seed ${seed}`;
  try {
    status.update(() => `${label}: checking that the run fails`);
    const bound = options.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: options.handlerTimeoutMs } : {};
    const original = await driveYielding(runScenarioSteps(scenario, { seed, ...extra, shouldStop, ...bound }));
    if (original.interrupted === true) return 'interrupted';
    if (original.passed) return 'passes';
    let kept = 0;
    const outcome = await driveYielding(
      shrinkSteps(scenario, {
        seed,
        maxAttempts: options.maxAttempts,
        ...extra,
        protocolFor,
        ...reference,
        ...(options.keepSeed === true ? { otherSeeds: 0 } : {}),
        ...(options.anyFailure === true ? { anyFailure: true } : {}),
        ...bound,
        shouldStop,
        onAttempt: (attempt, wasKept, what) => {
          if (wasKept) kept++;
          status.update(() => `${label}: attempt ${attempt} of at most ${options.maxAttempts}, ${kept} kept (last: ${what}${wasKept ? ', kept' : ''})`);
        },
      }),
    );
    status.finish();
    const files = writeShrinkResult(outcome, base, seed, { ...mutantRunOptions(outcome.shrunk, mutant), detail: options.detail ?? 'full' });
    // The mutant is in the trace's header; a scenario file cannot hold one, so its command names it.
    const context = options.context;
    const target = nameOf(outcome.target);
    const shrunkTarget = nameOf(outcome.shrunkTarget);
    // Which failure every kept candidate had to show: the user debugs the original's bug, or asked for any.
    // A mutant's liveness failure was checked against the real protocol (sim/shrink.ts, referenceFor).
    const referenced = extra.protocol !== undefined && isLivenessTarget(outcome.target);
    const keptLine = outcome.anyFailure
      ? `  kept:     any failure (--any-failure): the original run ${verbOf(outcome.target)}, the shrunk run ${verbOf(outcome.shrunkTarget)}`
      : `  kept:     the original's failure: every kept candidate ${verbOf(outcome.target)}${referenced ? ', and the real protocol passes it' : ''} (--any-failure keeps any failure)`;
    const still = outcome.anyFailure && shrunkTarget !== target ? `now ${chalk.red(shrunkTarget)}, was ${target}` : `still ${chalk.red(target)}`;
    const row = (name: string, s: ScenarioSize): string =>
      `  ${name.padEnd(7)} ${processCount(s).padStart(9)} ${String(s.multicasts).padStart(10)} ${String(s.faults).padStart(6)} ${(s.durationUs / 1000).toFixed(0).padStart(11)} ${String(s.traceEvents).padStart(12)}`;
    // "2+1" processes: two hosts from the start and one joiner.
    const caveat = outcome.interrupted ? chalk.yellow(' (interrupted: not minimal)') : outcome.boundHit ? chalk.yellow(' (attempt bound hit: not minimal)') : '';
    process.stdout.write(
      [
        `shrunk ${scenario.name} seed ${seed} (${still}${outcome.seed !== seed ? ` on seed ${outcome.seed}` : ''}) in ${outcome.attempts} attempts${caveat}`,
        `          processes multicasts faults duration ms trace events`,
        row('before', outcome.before),
        row('after', outcome.after),
        keptLine,
        ...(outcome.candidatesTimedOut > 0 ? [hangLine(outcome.candidatesTimedOut, outcome.candidateTimeoutMs)] : []),
        // The shrunk file as a regression scenario: say so when even the original's settle phase did not make it one.
        ...(outcome.referencePasses === false ? [`  ${chalk.yellow('note:')}     the real protocol fails the shrunk scenario too (in another way: not a regression scenario as it is)`] : []),
        `  scenario: ${files.scenarioPath}${context.mutant !== undefined ? ` (fails under mutant ${context.mutant})` : ''}`,
        `  trace:    ${files.tracePath}`,
        `  replay:   ${replayTraceCommand(files.tracePath, context)}`,
        `  run:      ${runScenarioCommand(files.scenarioPath, context)}`,
        '',
      ].join('\n'),
    );
    return outcome.interrupted || interruption.requested() ? 'interrupted' : 'shrunk';
  } finally {
    status.finish();
  }
}

/** Candidates that hung: how many, and the bound that ended each (not the run's: sim/shrink-handler-bound.ts). */
export function hangLine(timedOut: number, boundMs: number): string {
  const runs = timedOut === 1 ? '1 candidate run' : `${timedOut} candidate runs`;
  return `  hangs:    ${runs} did not return within ${boundMs / 1000} s (the candidates' wall-clock bound: 20x the original run's, at least 1 s, at most the run's)`;
}

function nameOf(target: ShrinkTarget): string {
  return target.kind === 'property' ? target.property : target.failure;
}

/** "violates fifo-order" or "fails: replicas disagree". */
function verbOf(target: ShrinkTarget): string {
  return target.kind === 'property' ? `violates ${target.property}` : `fails: ${target.failure}`;
}
