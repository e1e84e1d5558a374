// `vsynclab export TRACE --shiviz OUT.log`: the trace in another tool's
// format. ShiViz (a space-time viewer driven by vector clocks) for now: the
// checkers' violations go into the descriptions of the events they name,
// and --node/--msg/--violation filter as in `view`.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readTraceFile } from '../../traces/reader.ts';
import { shivizLines } from '../../traces/export/shiviz.ts';
import { checkEvents } from '../../checkers/index.ts';
import { InputError } from '../errors.ts';
import { checkOutputFile, filterOptions, groupedViolations, resolveFilter, tracePath, type FilterArgs } from './view.ts';

/** Lines written per system call: big traces stream without one huge string. */
const LINES_PER_WRITE = 4096;

/** A ShiViz log opens with the regex line and the blank delimiter line, then has two lines per event (traces/export/shiviz.ts). */
const SHIVIZ_HEADER_LINES = 2;
const SHIVIZ_LINES_PER_EVENT = 2;

interface ExportArgs extends FilterArgs {
  trace: string;
  shiviz: string;
  check: boolean;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <trace>',
  describe: 'Convert a trace for another tool (ShiViz)',
  builder: (y: Argv<object>) =>
    filterOptions(y)
      .positional('trace', { type: 'string', demandOption: true, describe: 'trace file (.jsonl or .jsonl.gz); - reads standard input' })
      .option('shiviz', {
        type: 'string',
        demandOption: 'name the output: --shiviz OUT.log',
        describe: 'write a ShiViz log (regex line, blank line, then host+vector clock and description per event); --shiviz=- for standard output',
      })
      .option('check', { type: 'boolean', default: true, describe: 'run the checkers and write their violations into the event descriptions (--no-check to skip)' })
      .example('$0 export run.jsonl --shiviz run.log', 'then load run.log in ShiViz')
      .example('$0 export run.jsonl --shiviz run.log --violation 1', 'only the story of the first violation')
      .example('$0 export run.jsonl --shiviz=-', 'to standard output (yargs reads a lone - as an argument)') as unknown as Argv<ExportArgs>,
  handler: async (args: ArgumentsCamelCase<ExportArgs>) => {
    if (args.shiviz !== '-') checkOutputFile(args.shiviz, '--shiviz');
    const { events } = await readTraceFile(tracePath(args.trace));
    const { violations, groups } = groupedViolations(args.check ? checkEvents(events) : undefined);
    const filter = resolveFilter(args, events, violations, groups);
    const toStdout = args.shiviz === '-';
    const fd = toStdout ? undefined : openOutput(args.shiviz);
    // Standard output may be a non-blocking pipe, where writeSync can fail with EAGAIN.
    const write = (text: string): void => {
      if (fd === undefined) process.stdout.write(text);
      else writeSync(fd, text);
    };
    // Counted as written: with --node, --msg or --violation the log holds a part of the trace.
    let lines = 0;
    try {
      let batch: string[] = [];
      for (const line of shivizLines(events, { violations, filter })) {
        lines++;
        batch.push(line);
        if (batch.length >= LINES_PER_WRITE) {
          write(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) write(`${batch.join('\n')}\n`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const written = (lines - SHIVIZ_HEADER_LINES) / SHIVIZ_LINES_PER_EVENT;
    const of = filter === undefined ? '' : ` of ${events.length}`;
    if (!toStdout) process.stderr.write(`wrote ${args.shiviz}: ${written}${of} events\n`);
  },
};

function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${path}: cannot write the output: ${reason}`);
  }
}
