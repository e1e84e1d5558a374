// `vsynclab run`: scenario files or suite folders, many seeds, one line per
// failing run with the command that replays it, then a summary.
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { loadScenarios } from '../../sim/scenario-files.ts';
import { planRuns, runSuite } from '../../sim/run-suite.ts';
import { runScenario } from '../../sim/run.ts';
import { FileTraceSink } from '../../sim/trace-sink.ts';
import type { RunResult } from '../../sim/run.ts';
import { InputError } from '../errors.ts';
import { seedsFromOptions } from '../seeds.ts';
import { describeFailure, replayCommand } from '../describe-run.ts';

interface RunArgs {
  paths: string[];
  seed?: number;
  seeds?: string;
  traceOut?: string;
  out?: string;
  stopOnViolation: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [paths..]',
  describe: 'Run scenario files or suite folders (default: the default suite) and check every run',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'scenario files or suite folders' })
      .option('seed', { type: 'number', describe: 'run only this seed (instead of each scenario\'s seeds)' })
      .option('seeds', { type: 'string', describe: 'run these seeds: a range A..B or a list 1,4,9' })
      .option('trace-out', { type: 'string', describe: 'write the trace of the run here (.jsonl or .jsonl.gz); exactly one run' })
      .option('out', { type: 'string', describe: 'write the traces of failing runs into this folder' })
      .option('stop-on-violation', { type: 'boolean', default: false, describe: 'end a run at its first violation' })
      .example('$0 run', 'the default suite with each scenario\'s own seeds')
      .example('$0 run scenarios/isis-steady.json --seeds 1..200 --out traces-out', 'many seeds, keep failing traces')
      .example('$0 run scenarios/isis-steady.json --seed 7 --trace-out t.jsonl', 'one run, its trace to a file') as unknown as Argv<RunArgs>,
  handler: (args: ArgumentsCamelCase<RunArgs>) => {
    const seeds = seedsFromOptions(args.seed, args.seeds);
    const scenarios = loadScenarios(args.paths);
    const runs = planRuns(scenarios, seeds);
    const started = process.hrtime.bigint();

    if (args.traceOut !== undefined) {
      if (runs.length !== 1) {
        throw new InputError(`--trace-out: expected exactly one run (one scenario, one seed), got ${runs.length}; use --out DIR for many`);
      }
      const run = runs[0]!;
      const sink = new FileTraceSink(args.traceOut);
      let result: RunResult;
      try {
        result = runScenario(run.loaded.scenario, { seed: String(run.seed), traceSink: sink, stopOnViolation: args.stopOnViolation });
      } finally {
        sink.close();
      }
      printRun(run.file, result, args.traceOut);
      process.exitCode = result.passed ? 0 : 1;
      return;
    }

    let failed = 0;
    runSuite(runs, {
      seeds,
      ...(args.out !== undefined ? { outDir: args.out } : {}),
      stopOnViolation: args.stopOnViolation,
      onResult: (run, result, tracePath) => {
        if (result.passed) return;
        failed++;
        printRun(run.file, result, tracePath);
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = `${runs.length} runs of ${scenarios.length} scenarios: ${runs.length - failed} passed, ${failed} failed (${seconds.toFixed(1)} s)`;
    process.stdout.write((failed === 0 ? chalk.green(summary) : chalk.red(summary)) + '\n');
    process.exitCode = failed === 0 ? 0 : 1;
  },
};

function printRun(file: string, result: RunResult, tracePath: string | null): void {
  const status = result.passed ? chalk.green('PASS') : chalk.red('FAIL');
  process.stdout.write(`${status} ${result.scenario} seed ${result.seed}: ${result.passed ? summaryOf(result) : describeFailure(result)}\n`);
  if (!result.passed) process.stdout.write(`     replay: ${replayCommand(file, result, tracePath)}\n`);
}

function summaryOf(result: RunResult): string {
  return `${result.traceEvents} events, ${result.multicasts} multicasts, ${(result.simTimeUs / 1e6).toFixed(2)} s simulated, quiescent ${result.quiescent}`;
}
