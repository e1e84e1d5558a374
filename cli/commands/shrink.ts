// `vsynclab shrink TRACE`: search for a smaller scenario that still fails
// the same way, write it and its trace, print the sizes before and after.
// Ctrl-C or SIGTERM stops the search: the smallest failing scenario found so
// far is written and printed, and it exits 130 / 143.
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { mutantOfHeader, readTraceText, runOfHeader } from '../../sim/replay.ts';
import { traceTextLines } from '../../traces/read-lines.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../../sim/shrink.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { InputError } from '../errors.ts';
import { shrinkAndReport } from '../shrink-report.ts';
import { checkWritableFile } from '../output-paths.ts';
import { DETAIL_OPTION, parseDetailOption } from '../detail-option.ts';
import { HANDLER_TIMEOUT_OPTION, parseHandlerTimeoutOption } from '../handler-timeout-option.ts';
import { exitStatusOf, interruptedLine, interruption } from '../interrupt.ts';
import type { RunContext } from '../describe-run.ts';
import { assertNever } from '../../protocol/types.ts';

interface ShrinkArgs {
  trace: string;
  out?: string;
  maxAttempts: number;
  plugin?: string | string[];
  progress: boolean;
  detail?: string;
  keepSeed: boolean;
  anyFailure: boolean;
  handlerTimeoutS?: number;
}

export const shrinkCommand: CommandModule<object, ShrinkArgs> = {
  command: 'shrink <trace>',
  describe: 'Shrink a failing run to a smaller scenario that fails the same way',
  builder: (y: Argv<object>) =>
    y
      .positional('trace', { type: 'string', demandOption: true, describe: 'the trace of a failing run (its header holds scenario and seed)' })
      .option('out', { type: 'string', describe: 'where to write the shrunk scenario (FILE.json; its trace goes to FILE.jsonl); default next to the trace' })
      .option('max-attempts', { type: 'number', default: DEFAULT_MAX_ATTEMPTS, describe: 'bound on candidate runs' })
      .option('keep-seed', { type: 'boolean', default: false, describe: 'shrink on the trace\'s seed alone (default: a candidate that passes on it is also tried on 8 other seeds)' })
      .option('any-failure', {
        type: 'boolean',
        default: false,
        describe: 'keep a candidate that fails in any way (default: only one that violates the property the trace violated first, or fails as it did)',
      })
      .option('handler-timeout-s', {
        ...HANDLER_TIMEOUT_OPTION,
        describe: `${HANDLER_TIMEOUT_OPTION.describe}; each candidate run gets 20 times the original run's wall-clock time, at least 1 s, at most this`,
      })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols before the run (repeatable)' })
      .option('detail', { ...DETAIL_OPTION, describe: 'what the shrunk run\'s trace records: app, net or full (default full: a failing run\'s trace comes with its causes)' })
      .option('progress', { type: 'boolean', default: false, describe: 'show the attempts on standard error even when it is not a terminal' })
      .example('$0 shrink traces-out/isis-steady-load-seed7.jsonl', 'writes traces-out/isis-steady-load-seed7.shrunk.json and .shrunk.jsonl') as unknown as Argv<ShrinkArgs>,
  handler: async (args: ArgumentsCamelCase<ShrinkArgs>) => {
    const plugins = ([] as string[]).concat(args.plugin ?? []);
    await loadPlugins(pluginUrls(plugins));
    if (!Number.isInteger(args.maxAttempts) || args.maxAttempts < 1) {
      throw new InputError(`--max-attempts: expected a whole number >= 1, got ${JSON.stringify(args.maxAttempts)}`);
    }
    const detail = parseDetailOption(args.detail);
    const handlerTimeoutMs = parseHandlerTimeoutOption(args.handlerTimeoutS);
    // Shrinking runs the header's scenario again and reads no event, but a file that is not a valid trace
    // (a mistyped field, a cut line: the wrong file, or a damaged one) is bad input naming its line, as for replay.
    for await (const part of readTraceBatches(args.trace)) void part;
    const { header, scenario, seed } = runOfHeader(traceTextLines(readTraceText(args.trace))[0], args.trace);
    const base = (args.out ?? args.trace.replace(/\.jsonl(\.gz)?$/, '.shrunk')).replace(/\.json$/, '');
    checkWritableFile(`${base}.json`, args.out === undefined ? 'shrink' : '--out');
    const mutant = mutantOfHeader(header, args.trace);
    const context: RunContext = { plugins, ...(mutant !== undefined ? { mutant } : {}) };
    interruption.arm();
    try {
      const outcome = await shrinkAndReport(scenario, seed, base, {
        maxAttempts: args.maxAttempts, context, progress: args.progress, keepSeed: args.keepSeed, anyFailure: args.anyFailure, ...(detail !== undefined ? { detail } : {}),
        ...(handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {}),
      });
      switch (outcome) {
        case 'shrunk':
          process.exitCode = 0;
          return;
        case 'passes':
          // A trace of a passing run is the wrong input for shrink, like a trace that is not a trace.
          throw new InputError(`${args.trace}: the run this trace records passes when run again: nothing to shrink (expected the trace of a failing run)`);
        case 'interrupted': {
          const signal = interruption.signal ?? 'SIGINT';
          process.stderr.write(interruptedLine(signal, 'the shrink stopped early; the files above (if any) hold the smallest failing scenario found so far'));
          process.exitCode = exitStatusOf(signal);
          return;
        }
        default:
          assertNever(outcome, 'shrink outcome');
      }
    } finally {
      interruption.disarm();
    }
  },
};
