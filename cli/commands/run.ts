// `vsynclab run`: scenario files or suite folders, many seeds, one line per
// failing run with the command that replays it, then a summary. Ctrl-C or
// SIGTERM stops it cleanly (cli/interrupt.ts): the runs that finished are
// reported, and it exits 130 / 143.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_MAX_ATTEMPTS } from '../../sim/shrink.ts';
import { shrinkAndReport } from '../shrink-report.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { loadScenarios, type LoadedScenario } from '../../sim/scenario-files.ts';
import { runScenarioSteps, type RunResult } from '../../sim/run.ts';
import { driveYielding } from '../../sim/steps.ts';
import { countRuns, planRuns, selectShard, type Shard } from '../../sim/suite/plan.ts';
import { SuiteWorkers } from '../../sim/suite/pool.ts';
import { runJobsInThisThread, type RunOutcome } from '../../sim/suite/execute.ts';
import { InputError } from '../errors.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { seedsFromOptions } from '../seeds.ts';
import { checkWorkers } from '../numeric-flags.ts';
import { DETAIL_OPTION, parseDetailOption } from '../detail-option.ts';
import { HANDLER_TIMEOUT_OPTION, parseHandlerTimeoutOption } from '../handler-timeout-option.ts';
import { NetworkEventIndex, sameFailure } from '../../sim/detail-rerecord.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import { checkWritableFile, fileUnder, openTraceFile, prepareOutDir } from '../output-paths.ts';
import { describeFailure, replayCommand, type RunContext } from '../describe-run.ts';
import { Progress, StatusLine, progressWanted } from '../progress.ts';
import { exitStatusOf, interruptedLine, interruption, shouldStop } from '../interrupt.ts';
import { buildReport } from '../reporters/suite-report.ts';
import { jsonReport } from '../reporters/json.ts';
import { junitReport } from '../reporters/junit.ts';
import { prettySummary, summaryLine } from '../reporters/pretty.ts';
import { DEFAULT_COVERAGE_DIR, finishCoverage, prepareCoverage } from '../coverage-output.ts';
import { runJobsWithCoverage } from '../../sim/coverage/run-jobs.ts';

const REPORTERS = ['pretty', 'json', 'junit'] as const;
type Reporter = (typeof REPORTERS)[number];

interface RunArgs {
  paths: string[];
  seed?: string;
  seeds?: string;
  traceOut?: string;
  out?: string;
  stopOnViolation: boolean;
  workers: number;
  shard?: string;
  reporter: Reporter;
  reportFile?: string;
  plugin?: string | string[];
  shrink: boolean;
  keepSeed: boolean;
  mutant?: string;
  progress: boolean;
  detail?: string;
  coverage: boolean;
  coverageOut?: string;
  handlerTimeoutS?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [paths..]',
  describe: 'Run scenario files or suite folders (default: the default suite) and check every run',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'scenario files or suite folders' })
      .option('seed', { type: 'string', describe: "run only this seed (instead of each scenario's seeds)" })
      .option('seeds', { type: 'string', describe: 'run these seeds: a range A..B or a list 1,4,9' })
      .option('trace-out', { type: 'string', describe: 'write the trace of the run here (.jsonl or .jsonl.gz); exactly one run' })
      .option('out', { type: 'string', describe: 'write the traces of failing runs into this folder' })
      .option('stop-on-violation', { type: 'boolean', default: false, describe: 'end a run at its first violation' })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads running seeds in parallel' })
      .option('shard', { type: 'string', describe: 'run only shard I of N (I/N, 1-based): every N-th run of the plan' })
      .option('reporter', { choices: REPORTERS, default: 'pretty' as Reporter, describe: 'output format' })
      .option('report-file', { type: 'string', describe: 'write the report here instead of standard output' })
      .option('mutant', { type: 'string', describe: 'run against this deliberately broken protocol variant (vsynclab list --mutants)' })
      .option('shrink', { type: 'boolean', default: false, describe: 'shrink every failing run; results go to --out (default ./shrunk)' })
      .option('keep-seed', { type: 'boolean', default: false, describe: "with --shrink: shrink on each failing run's seed alone (see shrink --keep-seed)" })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols (protocol/registry.ts) before the runs (repeatable)' })
      .option('detail', DETAIL_OPTION)
      .option('handler-timeout-s', HANDLER_TIMEOUT_OPTION)
      .option('progress', { type: 'boolean', default: false, describe: "with --trace-out: show the run's simulated time on standard error even when it is not a terminal" })
      .option('coverage', { type: 'boolean', default: false, describe: "report which protocol branches, notes and role x fault pairs the runs reached (runs on one thread)" })
      .option('coverage-out', { type: 'string', describe: `with --coverage: folder for coverage.json and coverage.html (default ./${DEFAULT_COVERAGE_DIR})` })
      .example('$0 run', "the default suite with each scenario's own seeds")
      .example('$0 run scenarios/isis-steady-load.json --seeds 1..200 --out traces-out', 'many seeds, keep failing traces')
      .example('$0 run --seed 7 scenarios/isis-steady-load.json --trace-out t.jsonl', 'one run, its trace to a file')
      .example('$0 run --seed 7 scenarios/isis-steady-load.json --trace-out t.jsonl --detail net', 'the same, with every network frame')
      .example('$0 run --shard 2/4 --reporter junit --report-file junit.xml', 'one CI matrix job') as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const seeds = seedsFromOptions(args.seed, args.seeds);
    parseDetailOption(args.detail);
    parseHandlerTimeoutOption(args.handlerTimeoutS);
    checkFlagCombinations(args);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    checkWorkers(args.workers);
    const pluginPaths = ([] as string[]).concat(args.plugin ?? []);
    const plugins = pluginUrls(pluginPaths);
    await loadPlugins(plugins);
    const scenarios = loadScenarios(args.paths);
    if (args.out !== undefined) prepareOutDir(args.out, '--out');
    if (args.reportFile !== undefined) checkWritableFile(args.reportFile, '--report-file');
    const context: RunContext = { plugins: pluginPaths, ...(args.mutant !== undefined ? { mutant: args.mutant } : {}) };
    interruption.arm();
    try {
      if (args.coverage && args.traceOut !== undefined) throw new InputError('--coverage: not with --trace-out (use --seed and the scenario without --trace-out)');
    if (args.traceOut !== undefined) await runOne(args, scenarios, seeds, context);
      else await runSuite(args, scenarios, seeds, shard, plugins, context);
    } finally {
      interruption.disarm();
    }
  },
};

async function runSuite(
  args: ArgumentsCamelCase<RunArgs>,
  scenarios: LoadedScenario[],
  seeds: number[] | undefined,
  shard: Shard | undefined,
  plugins: string[],
  context: RunContext,
): Promise<void> {
  // The worker threads start first and load their code while this thread plans.
  const runCount = countRuns(scenarios, seeds, shard);
  const pool = !args.coverage && args.workers > 1 && runCount > 1 ? SuiteWorkers.start(Math.min(args.workers, runCount)) : null;
  try {
    await planAndRunSuite(args, scenarios, seeds, shard, plugins, context, pool);
  } finally {
    await pool?.close();
  }
}

async function planAndRunSuite(
  args: ArgumentsCamelCase<RunArgs>,
  scenarios: LoadedScenario[],
  seeds: number[] | undefined,
  shard: Shard | undefined,
  plugins: string[],
  context: RunContext,
  pool: SuiteWorkers | null,
): Promise<void> {
  const plan = planRuns(scenarios, {
    ...(seeds !== undefined ? { seeds } : {}),
    ...(args.out !== undefined ? { outDir: args.out } : {}),
    stopOnViolation: args.stopOnViolation,
    plugins,
    ...(args.mutant !== undefined ? { mutant: args.mutant } : {}),
    ...handlerTimeout(args),
  });
  if (args.mutant !== undefined && plan[0] !== undefined) mutantRunOptions(plan[0].scenario, args.mutant); // validates the name
  const jobs = shard === undefined ? plan : selectShard(plan, shard);
  const pretty = args.reporter === 'pretty';
  const progress = new Progress(jobs.length, true);
  const started = process.hrtime.bigint();
  const coverageDir = args.coverageOut ?? DEFAULT_COVERAGE_DIR;
  const coverage = args.coverage ? prepareCoverage(([] as string[]).concat(args.plugin ?? []), coverageDir) : null;
  const onOutcome = (outcome: RunOutcome): void => {
    progress.tick(outcome.result.passed);
    if (pretty && !outcome.result.passed) {
      progress.finish();
      printRun(outcome.file, outcome.result, outcome.tracePath, { ...context, ...(outcome.mutant !== undefined ? { mutant: outcome.mutant } : {}) });
    }
  };
  const outcomes = coverage !== null ? await runJobsWithCoverage(jobs, coverage, onOutcome, shouldStop, parseDetailOption(args.detail))
    : pool === null
    ? await runJobsInThisThread(jobs, onOutcome, shouldStop)
    : await pool.run(jobs, onOutcome, shouldStop);
  progress.finish();
  if (coverage !== null) finishCoverage(coverage, coverageDir, !pretty && args.reportFile === undefined);
  if (args.shrink) {
    const dir = args.out ?? 'shrunk';
    prepareOutDir(dir, '--out');
    for (const outcome of outcomes) {
      if (outcome.result.passed || interruption.requested()) continue;
      const job = jobs.find((j) => j.index === outcome.index)!;
      await shrinkAndReport(job.scenario, String(job.seed), fileUnder(dir, `${job.scenario.name}-seed${job.seed}.shrunk`), {
        maxAttempts: DEFAULT_MAX_ATTEMPTS, context, progress: args.progress, keepSeed: args.keepSeed,
      });
    }
  }
  const report = buildReport(outcomes, context);
  if (shard !== undefined) report.shard = { ...shard, planRuns: plan.length };
  const signal = interruption.signal;
  if (signal !== null) report.interrupted = signal;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const text =
    args.reporter === 'json' ? jsonReport(report)
    : args.reporter === 'junit' ? junitReport(report)
    : prettySummary(report, scenarios.length, seconds);
  if (args.reportFile !== undefined) {
    writeFileSync(args.reportFile, text);
    if (!pretty) process.stdout.write(`${summaryLine(report, scenarios.length, seconds)}\n`);
  } else {
    process.stdout.write(text);
  }
  if (signal !== null) {
    const written = outcomes.filter((o) => o.tracePath !== null).length;
    const traces = args.out !== undefined ? `; ${written} failing-run traces in ${args.out}` : '';
    process.stderr.write(interruptedLine(signal, `${outcomes.length} of ${jobs.length} runs finished, ${report.failed} failed${traces}; the rest did not run`));
    process.exitCode = exitStatusOf(signal);
    return;
  }
  process.exitCode = report.failed === 0 ? 0 : 1;
}

async function runOne(args: ArgumentsCamelCase<RunArgs>, scenarios: LoadedScenario[], seeds: number[] | undefined, context: RunContext): Promise<void> {
  const plan = planRuns(scenarios, seeds !== undefined ? { seeds } : {});
  if (plan.length !== 1) {
    throw new InputError(`--trace-out: expected exactly one run (one scenario, one seed), got ${plan.length}; use --out DIR for many`);
  }
  const job = plan[0]!;
  const traceOut = args.traceOut!;
  const detail = parseDetailOption(args.detail) ?? job.scenario.detail ?? 'app';
  const status = new StatusLine(progressWanted(args.progress));
  const endUs = job.scenario.durationUs + job.scenario.settleUs;
  const options = { seed: String(job.seed), stopOnViolation: args.stopOnViolation, shouldStop, ...mutantRunOptions(job.scenario, args.mutant), ...handlerTimeout(args) };
  const record = async (at: TraceDetail, index: NetworkEventIndex): Promise<RunResult> => {
    const sink = openTraceFile(traceOut, '--trace-out', [job.file]);
    try {
      const steps = runScenarioSteps(job.scenario, { ...options, traceSink: sink, detail: at, onEvent: index.onEvent });
      return await driveYielding(steps, (simTimeUs) => status.update(() => simulatedTimeLine(job.scenario.name, simTimeUs, endUs)));
    } finally {
      sink.close();
    }
  };
  let result: RunResult;
  try {
    const firstIndex = new NetworkEventIndex();
    result = await record(detail, firstIndex);
    // A failing run's trace comes with its causes: the same run again at full detail (sim/detail-rerecord.ts).
    if (!result.passed && result.interrupted !== true && detail !== 'full') {
      const index = new NetworkEventIndex();
      const detailed = await record('full', index);
      // Stopped half-way (Ctrl-C): the trace so far, at full detail, is what the file holds.
      const difference = detailed.interrupted === true ? null : sameFailure(result, firstIndex, detailed, index);
      if (difference === null) result = detailed;
      else result = await record(detail, new NetworkEventIndex());
    }
  } finally {
    status.finish();
  }
  // A partial trace does not replay byte for byte: a cut run points at the scenario instead.
  printRun(job.file, result, result.interrupted === true ? null : traceOut, context);
  const signal = interruption.signal;
  if (result.interrupted === true && signal !== null) {
    process.stderr.write(interruptedLine(signal, `the run stopped at ${(result.simTimeUs / 1e6).toFixed(3)} s simulated; ${traceOut} holds the trace so far`));
    process.exitCode = exitStatusOf(signal);
    return;
  }
  process.exitCode = result.passed ? 0 : 1;
}

/**
 * A flag that would change nothing in this command line is refused rather
 * than taken silently: a user who writes `--keep-seed` without `--shrink`
 * believes something that is not happening.
 */
export function checkFlagCombinations(args: Pick<RunArgs, 'traceOut' | 'out' | 'shard' | 'reportFile' | 'reporter' | 'shrink' | 'keepSeed' | 'progress' | 'detail' | 'coverage' | 'coverageOut'>): void {
  const refuse = (flag: string, why: string): never => {
    throw new InputError(`${flag}: ${why}`);
  };
  if (args.traceOut !== undefined) {
    const oneRun = 'not with --trace-out, which records one run and prints it';
    if (args.out !== undefined) refuse('--out', `${oneRun} (--out collects the traces of failing runs of many)`);
    if (args.shard !== undefined) refuse('--shard', oneRun);
    if (args.shrink) refuse('--shrink', `${oneRun} (shrink its trace: vsynclab shrink FILE)`);
    if (args.reportFile !== undefined) refuse('--report-file', oneRun);
    if (args.reporter !== 'pretty') refuse('--reporter', oneRun);
  }
  if (args.keepSeed && !args.shrink) refuse('--keep-seed', 'only with --shrink (it says which seeds the shrinker tries)');
  if (args.progress && args.traceOut === undefined && !args.shrink) {
    refuse('--progress', 'only with --trace-out or --shrink (a suite run always shows its progress)');
  }
  if (args.coverageOut !== undefined && !args.coverage) refuse('--coverage-out', 'only with --coverage');
  if (args.detail !== undefined && args.traceOut === undefined && !args.coverage) {
    refuse('--detail', "only with --trace-out or --coverage (a suite run writes only failing runs' traces, always at full detail)");
  }
}

/** "isis-steady-load: 1.25 s of at most 3.00 s simulated": the settle phase may end before its bound. */
function simulatedTimeLine(scenario: string, simTimeUs: number, endUs: number): string {
  return `${scenario}: ${(simTimeUs / 1e6).toFixed(2)} s of at most ${(endUs / 1e6).toFixed(2)} s simulated`;
}

function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard: expected I/N with 1 <= I <= N (for example 2/4), got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

function printRun(file: string, result: RunResult, tracePath: string | null, context: RunContext): void {
  const status = result.passed ? chalk.green('PASS') : result.interrupted === true && result.violations.length === 0 ? chalk.yellow('STOPPED') : chalk.red('FAIL');
  const detail = result.passed
    ? `${result.traceEvents} events, ${result.multicasts} multicasts, ${(result.simTimeUs / 1e6).toFixed(2)} s simulated, quiescent ${result.quiescent}`
    : describeFailure(result);
  process.stdout.write(`${status} ${result.scenario} seed ${result.seed}: ${detail}\n`);
  if (!result.passed) process.stdout.write(`     replay: ${replayCommand(file, result, tracePath, context)}\n`);
}

/** `--handler-timeout-s` as run options: nothing when absent (the run's default bound). */
function handlerTimeout(args: ArgumentsCamelCase<RunArgs>): { handlerTimeoutMs?: number } {
  const ms = parseHandlerTimeoutOption(args.handlerTimeoutS);
  return ms === undefined ? {} : { handlerTimeoutMs: ms };
}
