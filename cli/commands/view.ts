// `vsynclab view TRACE`: the trace as a terminal timeline, or with --html as
// a self-contained space-time diagram. Both show the checkers' violations.
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readTraceFile } from '../../traces/reader.ts';
import { STDIN_PATH } from '../../traces/read-lines.ts';
import { checkEvents } from '../../checkers/index.ts';
import { renderHtmlViewer } from '../../traces/export/html-viewer.ts';
import { renderTextTimeline } from '../../traces/export/text-timeline.ts';
import type { ViolationMark } from '../../traces/export/violation-mark.ts';
import { InputError } from '../errors.ts';

/** The most events one HTML page embeds; beyond it, the user picks a window. */
export const HTML_EVENTS_MAX = 200_000;

interface ViewArgs {
  trace: string;
  html?: string;
  from?: number;
  to?: number;
  otherEvents: boolean;
  check: boolean;
}

export const viewCommand: CommandModule<object, ViewArgs> = {
  command: 'view <trace>',
  describe: 'Show a trace: a timeline in the terminal, or a space-time diagram with --html',
  builder: (y: Argv<object>) =>
    y
      .positional('trace', { type: 'string', demandOption: true, describe: 'trace file (.jsonl or .jsonl.gz); - reads standard input' })
      .option('html', { type: 'string', describe: 'write a self-contained HTML space-time diagram to this file' })
      .option('from', { type: 'number', describe: 'first event to show (its index i)' })
      .option('to', { type: 'number', describe: 'last event to show (inclusive)' })
      .option('other-events', { type: 'boolean', default: false, describe: 'HTML: also draw events the trace format does not define (notes, network)' })
      .option('check', { type: 'boolean', default: true, describe: 'run the checkers and highlight violations (--no-check to skip)' })
      .example('$0 view run.jsonl', 'timeline in the terminal')
      .example('$0 view run.jsonl --from 1200 --to 1300', 'a window of a long trace')
      .example('$0 view run.jsonl --html run.html', 'space-time diagram to open in a browser') as unknown as Argv<ViewArgs>,
  handler: async (args: ArgumentsCamelCase<ViewArgs>) => {
    const { header, events } = await readTraceFile(tracePath(args.trace));
    if (events.length === 0) throw new InputError(`${args.trace}: the trace has no events to show`);
    const window = resolveWindow(events.length, args.from, args.to);
    const result = args.check ? checkEvents(events) : undefined;
    const violations: ViolationMark[] = result?.violations ?? [];
    if (args.html === undefined) {
      const lines = renderTextTimeline(header, events, { chalk, violations, ...window });
      // Why a property was skipped (no end event, not quiescent) matters when reading the list.
      for (const warning of result?.warnings ?? []) lines.push(chalk.dim(`checker: ${warning}`));
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    const shown = window.to - window.from + 1;
    if (shown > HTML_EVENTS_MAX) {
      throw new InputError(
        `${args.trace}: ${shown} events is more than one HTML page holds (${HTML_EVENTS_MAX}); pick a window with --from and --to`,
      );
    }
    const html = renderHtmlViewer(header, events, { violations, showOtherEvents: args.otherEvents, ...window });
    writeOutput(args.html, html);
    const bad = violations.length === 0 ? 'no violations' : `${violations.length} violation${violations.length === 1 ? '' : 's'}`;
    process.stderr.write(`wrote ${args.html}: events ${window.from}..${window.to} of ${events.length}, ${bad}\n`);
  },
};

/**
 * The trace argument as a path for the reader. yargs turns a lone `-` given
 * as a single positional into '', so '' means standard input too.
 */
export function tracePath(argument: string): string {
  return argument === '' || argument === STDIN_PATH ? STDIN_PATH : argument;
}

/** Checks --from/--to against the trace: whole numbers, in range, in order. `to` is clamped to the last event. */
export function resolveWindow(count: number, from: number | undefined, to: number | undefined): { from: number; to: number } {
  const last = count - 1;
  const first = from ?? 0;
  const end = Math.min(to ?? last, last);
  if (!Number.isInteger(first) || first < 0 || first > last) {
    throw new InputError(`--from: expected a whole number from 0 to ${last} (the trace's last event), got ${String(from)}`);
  }
  if (to !== undefined && (!Number.isInteger(to) || to < first)) {
    throw new InputError(`--to: expected a whole number from ${first} (--from) up, got ${String(to)}`);
  }
  return { from: first, to: end };
}

/** Writes a file, turning a failure (no such folder, no permission) into bad input. */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${path}: cannot write the output: ${reason}`);
  }
}
