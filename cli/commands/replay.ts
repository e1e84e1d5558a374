// `vsynclab replay`: run a trace's scenario and seed again and say whether
// the new trace is byte-identical; or run a scenario file and seed afresh.
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { replayTrace, replayTraceSteps } from '../../sim/replay.ts';
import { runScenarioSteps, type RunResult } from '../../sim/run.ts';
import { driveYielding } from '../../sim/steps.ts';
import { checkProtocols, loadScenarioFile } from '../../sim/scenario-files.ts';
import { openTraceFile } from '../output-paths.ts';
import { seedsFromOptions } from '../seeds.ts';
import { DETAIL_OPTION, parseDetailOption } from '../detail-option.ts';
import { HANDLER_TIMEOUT_OPTION, parseHandlerTimeoutOption } from '../handler-timeout-option.ts';
import { InputError } from '../errors.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { escapeControl } from '../../traces/input-error.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { describeFailure, replayScenarioCommand } from '../describe-run.ts';
import { exitStatusOf, interruptedLine, interruption, shouldStop, type InterruptSignal } from '../interrupt.ts';
import { StatusLine, progressWanted } from '../progress.ts';

interface ReplayArgs {
  trace?: string;
  scenario?: string;
  seed?: string;
  traceOut?: string;
  plugin?: string | string[];
  mutant?: string;
  progress: boolean;
  detail?: string;
  handlerTimeoutS?: number;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay [trace]',
  describe: 'Re-run the scenario and seed of a trace and compare the traces byte for byte',
  builder: (y: Argv<object>) =>
    y
      .positional('trace', { type: 'string', describe: 'a trace written by vsynclab (its header holds scenario and seed)' })
      .option('scenario', { type: 'string', describe: 'instead of a trace: a scenario file to run' })
      .option('seed', { type: 'string', describe: 'with --scenario: the seed' })
      .option('trace-out', { type: 'string', describe: 'with --scenario: write the trace here' })
      .option('mutant', { type: 'string', describe: 'with --scenario: run against this mutant' })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols before the run (repeatable)' })
      .option('detail', { ...DETAIL_OPTION, describe: `with --scenario: ${DETAIL_OPTION.describe} (a trace replays at its own header detail)` })
      .option('progress', { type: 'boolean', default: false, describe: "show the run's simulated time on standard error even when it is not a terminal" })
      .option('handler-timeout-s', HANDLER_TIMEOUT_OPTION)
      .example('$0 replay traces-out/isis-steady-load-seed7.jsonl', 'is the run still the same run?')
      .example('$0 replay --scenario scenarios/isis-steady-load.json --seed 7 --trace-out t.jsonl', 'run one seed from scratch') as unknown as Argv<ReplayArgs>,
  handler: async (args: ArgumentsCamelCase<ReplayArgs>) => {
    const plugins = ([] as string[]).concat(args.plugin ?? []);
    await loadPlugins(pluginUrls(plugins));
    const detail = parseDetailOption(args.detail);
    const handlerTimeoutMs = parseHandlerTimeoutOption(args.handlerTimeoutS);
    if (args.trace !== undefined) {
      if (args.scenario !== undefined) throw new InputError('replay: give a trace or --scenario, not both');
      if (detail !== undefined) throw new InputError('--detail: applies to --scenario runs; a trace replays at the detail its header names');
      // Options of a --scenario run would change nothing here: refused, not taken silently.
      if (args.seed !== undefined) throw new InputError('--seed: applies to --scenario runs; a trace replays the seed its header names');
      if (args.mutant !== undefined) throw new InputError('--mutant: applies to --scenario runs; a trace replays the mutant its header names');
      if (args.traceOut !== undefined) throw new InputError('--trace-out: applies to --scenario runs; replaying a trace compares it and writes nothing');
      // A long run replays with its simulated time shown, and Ctrl-C stops it with what was compared.
      const status = new StatusLine(progressWanted(args.progress));
      let outcome: Awaited<ReturnType<typeof replayTrace>>;
      let signal: InterruptSignal | null;
      interruption.arm();
      try {
        outcome = await driveYielding(replayTraceSteps(args.trace, shouldStop, handlerTimeoutMs), (simTimeUs) =>
          status.update(() => `replaying ${args.trace}: ${(simTimeUs / 1e6).toFixed(2)} s simulated`));
        // Read while armed: disarming forgets the signal.
        signal = interruption.signal;
      } finally {
        status.finish();
        interruption.disarm();
      }
      if (outcome.result.interrupted === true && signal !== null) {
        // The stopped run writes its `end` line at the cut: a difference before that line is a difference, that line is not.
        const d = outcome.difference;
        const before = d !== null && d.actual !== null && d.line < outcome.lines ? `; it differs from line ${d.line}` : `; identical up to line ${outcome.lines - 1}`;
        process.stderr.write(interruptedLine(signal, `the replay stopped at ${(outcome.result.simTimeUs / 1e6).toFixed(3)} s simulated${before}`));
        process.exitCode = exitStatusOf(signal);
        return;
      }
      const verdict = outcome.result.passed ? chalk.green('passes') : chalk.red(`fails: ${describeFailure(outcome.result)}`);
      if (outcome.identical) {
        process.stdout.write(`${chalk.green('byte-identical')}: ${outcome.lines} lines; the run ${verdict}\n`);
        process.exitCode = 0;
      } else {
        // A recorded trace that is not a valid trace is bad input (exit 2
        // naming the line), not a difference: validate it only now, so a
        // byte-identical replay never pays for a second read.
        await validateRecordedTrace(args.trace);
        const d = outcome.difference!;
        process.stdout.write(`${chalk.red('DIFFERENT')} from line ${d.line}:\n  recorded: ${escapeControl(d.expected ?? '(end of file)')}\n  replayed: ${escapeControl(d.actual ?? '(end of run)')}\nthe run ${verdict}\n`);
        process.exitCode = 1;
      }
      return;
    }
    if (args.scenario === undefined || args.seed === undefined) {
      throw new InputError('replay: expected a trace file, or --scenario FILE with --seed N');
    }
    // The seed as parsed (" 7" is seed 7): the run, its trace header and every command printed name the same seed.
    const seed = seedsFromOptions(args.seed, undefined)![0]!;
    const seedText = String(seed);
    const scenario = checkProtocols([loadScenarioFile(args.scenario)])[0]!.forSeed(seed);
    const sink = args.traceOut !== undefined ? openTraceFile(args.traceOut, '--trace-out', [args.scenario]) : undefined;
    // One run of any length: it shows its simulated time and stops cleanly on Ctrl-C (cli/interrupt.ts).
    const status = new StatusLine(progressWanted(args.progress));
    const endUs = scenario.durationUs + scenario.settleUs;
    let result: RunResult;
    interruption.arm();
    try {
      const steps = runScenarioSteps(scenario, {
        seed: seedText,
        ...(sink !== undefined ? { traceSink: sink } : {}),
        ...(detail !== undefined ? { detail } : {}),
        shouldStop,
        ...mutantRunOptions(scenario, args.mutant),
        ...(handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {}),
      });
      result = await driveYielding(steps, (simTimeUs) =>
        status.update(() => `${scenario.name}: ${(simTimeUs / 1e6).toFixed(2)} s of at most ${(endUs / 1e6).toFixed(2)} s simulated`));
      const signal = interruption.signal;
      if (result.interrupted === true && signal !== null) {
        status.finish();
        const again = replayScenarioCommand(args.scenario, seedText, args.traceOut ?? `${scenario.name}-seed${seedText}.jsonl`, {
          plugins, ...(args.mutant !== undefined ? { mutant: args.mutant } : {}),
        });
        process.stderr.write(interruptedLine(signal, `the run stopped at ${(result.simTimeUs / 1e6).toFixed(3)} s simulated; run it in full: ${again}`));
        process.exitCode = exitStatusOf(signal);
        return;
      }
    } finally {
      status.finish();
      interruption.disarm();
      sink?.close();
    }
    const where = args.traceOut !== undefined ? `; trace in ${args.traceOut}` : '';
    process.stdout.write(result.passed ? `${chalk.green('PASS')} ${scenario.name} seed ${seedText}${where}\n`
      : `${chalk.red('FAIL')} ${scenario.name} seed ${seedText}: ${describeFailure(result)}${where}\n`);
    process.exitCode = result.passed ? 0 : 1;
  },
};

/** Reads the whole trace through the validating reader; throws InputError("FILE:LINE: ...") at its first bad line. */
async function validateRecordedTrace(path: string): Promise<void> {
  for await (const part of readTraceBatches(path)) void part;
}
