// `vsynclab run`: scenario files or suite folders, many seeds, one line per
// failing run with the command that replays it, then a summary.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { DEFAULT_MAX_ATTEMPTS } from '../../sim/shrink.ts';
import { shrinkAndReport } from '../shrink-report.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { loadScenarios } from '../../sim/scenario-files.ts';
import { runScenario, type RunResult } from '../../sim/run.ts';
import { planRuns, selectShard, type Shard } from '../../sim/suite/plan.ts';
import { runJobs } from '../../sim/suite/pool.ts';
import { InputError } from '../errors.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { seedsFromOptions } from '../seeds.ts';
import { checkWritableFile, fileUnder, openTraceFile, prepareOutDir } from '../output-paths.ts';
import { describeFailure, replayCommand } from '../describe-run.ts';
import { Progress } from '../progress.ts';
import { buildReport } from '../reporters/suite-report.ts';
import { jsonReport } from '../reporters/json.ts';
import { junitReport } from '../reporters/junit.ts';
import { summaryTable } from '../reporters/summary-table.ts';

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
  mutant?: string;
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
      .option('plugin', { type: 'string', describe: 'a module that registers protocols (protocol/registry.ts) before the runs (repeatable)' })
      .example('$0 run', "the default suite with each scenario's own seeds")
      .example('$0 run scenarios/isis-steady-load.json --seeds 1..200 --out traces-out', 'many seeds, keep failing traces')
      .example('$0 run --seed 7 scenarios/isis-steady-load.json --trace-out t.jsonl', 'one run, its trace to a file')
      .example('$0 run --shard 2/4 --reporter junit --report-file junit.xml', 'one CI matrix job') as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const seeds = seedsFromOptions(args.seed, args.seeds);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    if (!Number.isInteger(args.workers) || args.workers < 1) {
      throw new InputError(`--workers: expected a whole number >= 1, got ${JSON.stringify(args.workers)}`);
    }
    const plugins = pluginUrls(([] as string[]).concat(args.plugin ?? []));
    await loadPlugins(plugins);
    const scenarios = loadScenarios(args.paths);
    if (args.out !== undefined) prepareOutDir(args.out, '--out');
    if (args.reportFile !== undefined) checkWritableFile(args.reportFile, '--report-file');
    if (args.traceOut !== undefined) return runOne(args, scenarios, seeds);

    const plan = planRuns(scenarios, {
      ...(seeds !== undefined ? { seeds } : {}),
      ...(args.out !== undefined ? { outDir: args.out } : {}),
      stopOnViolation: args.stopOnViolation,
      plugins,
      ...(args.mutant !== undefined ? { mutant: args.mutant } : {}),
    });
    if (args.mutant !== undefined && plan[0] !== undefined) mutantRunOptions(plan[0].scenario, args.mutant); // validates the name
    const jobs = shard === undefined ? plan : selectShard(plan, shard);
    const pretty = args.reporter === 'pretty';
    const progress = new Progress(jobs.length, true);
    const started = process.hrtime.bigint();
    const outcomes = await runJobs(jobs, args.workers, (outcome) => {
      progress.tick(outcome.result.passed);
      if (pretty && !outcome.result.passed) {
        progress.finish();
        printRun(outcome.file, outcome.result, outcome.tracePath, outcome.mutant);
      }
    });
    progress.finish();
    if (args.shrink) {
      const dir = args.out ?? 'shrunk';
      prepareOutDir(dir, '--out');
      for (const outcome of outcomes) {
        if (outcome.result.passed) continue;
        const job = jobs.find((j) => j.index === outcome.index)!;
        shrinkAndReport(job.scenario, String(job.seed), fileUnder(dir, `${job.scenario.name}-seed${job.seed}.shrunk`), DEFAULT_MAX_ATTEMPTS, args.mutant);
      }
    }
    const report = buildReport(outcomes);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const text =
      args.reporter === 'json' ? jsonReport(report)
      : args.reporter === 'junit' ? junitReport(outcomes)
      : `${summaryTable(report.scenarios)}${summaryLine(report.runs, report.failed, scenarios.length, seconds, shard)}\n`;
    if (args.reportFile !== undefined) {
      writeFileSync(args.reportFile, text);
      if (!pretty) process.stdout.write(`${summaryLine(report.runs, report.failed, scenarios.length, seconds, shard)}\n`);
    } else {
      process.stdout.write(text);
    }
    process.exitCode = report.failed === 0 ? 0 : 1;
  },
};

function runOne(args: ArgumentsCamelCase<RunArgs>, scenarios: ReturnType<typeof loadScenarios>, seeds: number[] | undefined): void {
  const plan = planRuns(scenarios, seeds !== undefined ? { seeds } : {});
  if (plan.length !== 1) {
    throw new InputError(`--trace-out: expected exactly one run (one scenario, one seed), got ${plan.length}; use --out DIR for many`);
  }
  const job = plan[0]!;
  const traceOut = args.traceOut!;
  const sink = openTraceFile(traceOut, '--trace-out');
  let result: RunResult;
  try {
    result = runScenario(job.scenario, {
      seed: String(job.seed),
      traceSink: sink,
      stopOnViolation: args.stopOnViolation,
      ...mutantRunOptions(job.scenario, args.mutant),
    });
  } finally {
    sink.close();
  }
  printRun(job.file, result, traceOut, args.mutant);
  process.exitCode = result.passed ? 0 : 1;
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

function summaryLine(runs: number, failed: number, scenarios: number, seconds: number, shard: Shard | undefined): string {
  const of = shard === undefined ? '' : ` (shard ${shard.index}/${shard.count})`;
  const text = `${runs} runs of ${scenarios} scenarios${of}: ${runs - failed} passed, ${failed} failed (${seconds.toFixed(1)} s)`;
  return failed === 0 ? chalk.green(text) : chalk.red(text);
}

function printRun(file: string, result: RunResult, tracePath: string | null, mutant?: string): void {
  const status = result.passed ? chalk.green('PASS') : chalk.red('FAIL');
  const detail = result.passed
    ? `${result.traceEvents} events, ${result.multicasts} multicasts, ${(result.simTimeUs / 1e6).toFixed(2)} s simulated, quiescent ${result.quiescent}`
    : describeFailure(result);
  process.stdout.write(`${status} ${result.scenario} seed ${result.seed}: ${detail}\n`);
  if (!result.passed) process.stdout.write(`     replay: ${replayCommand(file, result, tracePath, mutant)}\n`);
}
