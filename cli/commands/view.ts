// `vsynclab view TRACE`: the trace as a terminal timeline, or with --html as
// a self-contained space-time diagram. Both show the checkers' violations.
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { STDIN_PATH } from '../../traces/read-lines.ts';
import { checkEvents, type CheckResult } from '../../checkers/index.ts';
import { groupByCause } from '../../checkers/report.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { renderHtmlViewer } from '../../traces/export/html-viewer.ts';
import { renderTextTimeline } from '../../traces/export/text-timeline.ts';
import { eventNode } from '../../traces/export/describe-event.ts';
import { eventMessages, type EventFilter } from '../../traces/export/event-filter.ts';
import type { ViolationGroupMark, ViolationMark } from '../../traces/export/violation-mark.ts';
import { InputError } from '../errors.ts';
import { checkWritableFile } from '../output-paths.ts';
import { escapeControl } from '../../core/input-error.ts';
import { embeddedStates } from '../../sim/inspect/embedded-states.ts';
import { traceLines } from '../../sim/inspect/inspect-at.ts';
import { readTraceText } from '../../sim/replay.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import type { ViewerEmbeddedStates } from '../../traces/export/index.ts';
import { StatusLine, progressWanted } from '../progress.ts';
import { progressLabel, readTraceShowingProgress, replayProgress } from './trace-progress.ts';

/** The most events one HTML page embeds; beyond it, the user picks a window. */
export const HTML_EVENTS_MAX = 200_000;

interface ViewArgs {
  trace: string;
  html?: string;
  from?: number;
  to?: number;
  otherEvents: boolean;
  check: boolean;
  node?: string | string[];
  msg?: string | string[];
  violation?: string | string[];
  states: boolean;
  plugin?: string | string[];
  progress: boolean;
}

/** The filter options, shared with `export`. */
export interface FilterArgs {
  node?: string | string[];
  msg?: string | string[];
  violation?: string | string[];
}

/** Adds --node, --msg and --violation to a command. */
export function filterOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('node', { type: 'string', describe: 'only these processes (repeat or comma-separate); events of no process stay' })
    .option('msg', { type: 'string', describe: 'only events about these messages: a message id, a frame key or a frame kind (repeat or comma-separate)' })
    .option('violation', { type: 'string', describe: 'only the story of these violations: a number as listed, or a property name (repeat or comma-separate)' }) as unknown as Argv<T>;
}

export const viewCommand: CommandModule<object, ViewArgs> = {
  command: 'view <trace>',
  describe: 'Show a trace: a timeline in the terminal, or a space-time diagram with --html',
  builder: (y: Argv<object>) =>
    filterOptions(y)
      .positional('trace', { type: 'string', demandOption: true, describe: 'trace file (.jsonl or .jsonl.gz); - reads standard input' })
      .option('html', { type: 'string', describe: 'write a self-contained HTML space-time diagram to this file' })
      .option('from', { type: 'number', describe: 'first event to show (its index i)' })
      .option('to', { type: 'number', describe: 'last event to show (inclusive)' })
      .option('other-events', { type: 'boolean', default: false, describe: 'HTML: also draw events neither the trace format nor the network vocabulary defines (notes)' })
      .option('check', { type: 'boolean', default: true, describe: 'run the checkers and highlight violations (--no-check to skip)' })
      .option('states', {
        type: 'boolean', default: true,
        describe: 'HTML: replay the run and embed each process\'s state after each event (traces at --detail full; --no-states to skip)',
      })
      .option('plugin', { type: 'string', describe: 'HTML states: a module that registers the trace\'s protocol (repeatable)' })
      .option('progress', { type: 'boolean', default: false, describe: 'show how far reading, checking and replaying are on standard error even when it is not a terminal' })
      .example('$0 view run.jsonl', 'timeline in the terminal')
      .example('$0 view run.jsonl --from 1200 --to 1300', 'a window of a long trace')
      .example('$0 view run.jsonl --html run.html', 'space-time diagram to open in a browser')
      .example('$0 view run.jsonl --node p3 --violation 1', 'what p3 saw of the first violation')
      .example('$0 view run.jsonl --msg flush', 'only the flush frames (and the views they belong to)') as unknown as Argv<ViewArgs>,
  handler: async (args: ArgumentsCamelCase<ViewArgs>) => {
    if (args.html !== undefined) checkOutputFile(args.html, '--html');
    else {
      // Options of the HTML page would change nothing in the terminal: refused, not taken silently.
      if (args.otherEvents) throw new InputError('--other-events: only with --html (the terminal timeline shows the trace events it knows)');
      if (!args.states) throw new InputError('--no-states: only with --html');
      if (args.plugin !== undefined) throw new InputError("--plugin: only with --html (it replays the run for the page's state panel)");
    }
    // A long trace (a million events take seconds to read, check and replay) shows how far each step is.
    const progress = new StatusLine(progressWanted(args.progress));
    try {
      await showTrace(args, progress);
    } finally {
      // Cleared before an error too: its line must not start after a half-drawn status.
      progress.finish();
    }
  },
};

/** What `view` does once its options are checked: read, check, and show the trace or write the page. */
async function showTrace(args: ArgumentsCamelCase<ViewArgs>, progress: StatusLine): Promise<void> {
  const label = progressLabel('view', tracePath(args.trace));
  const { header, events } = await readTraceShowingProgress(tracePath(args.trace), progress, label);
  if (events.length === 0) throw new InputError(`${args.trace}: the trace has no events to show`);
  const window = resolveWindow(events.length, args.from, args.to);
  if (args.check) progress.step(() => `${label}: checking ${events.length} events`);
  const result = args.check ? checkEvents(events) : undefined;
  progress.finish();
  const { violations, groups } = groupedViolations(result);
  const filter = resolveFilter(args, events, violations, groups);
  if (args.html === undefined) {
    const lines = renderTextTimeline(header, events, { chalk, violations, violationGroups: groups, filter, ...window });
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
  const states = args.states && header.detail === 'full' ? await statesFor(args, window.to, progress, replayProgress(progress, label, events.length)) : undefined;
  progress.step(() => `${label}: writing the page`);
  const html = renderHtmlViewer(header, events, {
    violations, violationGroups: groups, filter, showOtherEvents: args.otherEvents, ...window,
    ...(states === undefined ? {} : { states }),
  });
  writeOutput(args.html, html);
  progress.finish();
  const bad = violations.length === 0 ? 'no violations' : `${violations.length} violation${violations.length === 1 ? '' : 's'}`;
  process.stderr.write(`wrote ${args.html}: events ${window.from}..${window.to} of ${events.length}, ${bad}\n`);
}

/**
 * The process states for the page's event panel: the run replayed (sim/inspect),
 * embedded up to a size budget. A trace that cannot be replayed here (read
 * from standard input, a protocol no --plugin registers, a changed protocol)
 * still gets its page, without states or with those up to the difference,
 * and a warning says why.
 */
async function statesFor(
  args: ArgumentsCamelCase<ViewArgs>, lastEvent: number, progress: StatusLine, onEvent: (index: number) => void,
): Promise<ViewerEmbeddedStates | undefined> {
  if (args.trace === '-' || args.trace === STDIN_PATH) {
    process.stderr.write('warning: no process states: a trace read from standard input cannot be replayed (pass the file)\n');
    return undefined;
  }
  try {
    await loadPlugins(pluginUrls(([] as string[]).concat(args.plugin ?? [])));
    const embedded = embeddedStates(traceLines(readTraceText(args.trace)), args.trace, { lastEvent, onEvent });
    progress.finish();
    if (embedded.difference !== null) {
      process.stderr.write(`warning: process states only up to event ${embedded.difference.line - 3}: the replay differs from the trace at line ${embedded.difference.line}\n`);
    } else if (embedded.truncated !== null) {
      process.stderr.write(`warning: process states only up to event ${embedded.truncated.fromEvent - 1}: ${escapeControl(embedded.truncated.reason)}\n`);
    }
    return embedded;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    progress.finish();
    process.stderr.write(`warning: no process states: ${error.message.split('\n')[0]}\n`);
    return undefined;
  }
}

/**
 * The checkers' violations and their groups by cause, as `vsynclab check`
 * reports them (checkers/report.ts groupByCause: one grouping for every view).
 */
export function groupedViolations(result: CheckResult | undefined): { violations: ViolationMark[]; groups: ViolationGroupMark[] } {
  if (result === undefined) return { violations: [], groups: [] };
  const position = new Map(result.violations.map((violation, k) => [violation, k]));
  const byCause = new Map<string, number[]>();
  result.violations.forEach((violation, k) => {
    if (violation.cause === undefined) return;
    const list = byCause.get(violation.cause);
    if (list === undefined) byCause.set(violation.cause, [k]);
    else list.push(k);
  });
  const groups = groupByCause(result).map((group) => ({
    cause: group.cause ?? null,
    count: group.count,
    members: group.cause === undefined ? [position.get(group.first)!] : byCause.get(group.cause)!,
  }));
  return { violations: result.violations, groups };
}

function listOf(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return list;
}

/** Checks --node, --msg and --violation against the trace and makes the filter. */
export function resolveFilter(
  args: FilterArgs,
  events: readonly TraceEvent[],
  violations: readonly ViolationMark[],
  groups: readonly ViolationGroupMark[],
): EventFilter | undefined {
  const filter: EventFilter = {};
  const nodes = listOf(args.node);
  if (nodes !== undefined) {
    if (nodes.length === 0) throw new InputError('--node: expected a process id, got nothing');
    const known = new Set<string>();
    for (const event of events) {
      const node = eventNode(event);
      if (node !== undefined) known.add(node);
    }
    for (const node of nodes) {
      if (!known.has(node)) {
        const some = [...known].slice(0, 12).join(', ');
        throw new InputError(`--node: expected a process of the trace (${some}${known.size > 12 ? ', ...' : ''}), got ${JSON.stringify(node)}`);
      }
    }
    filter.nodes = nodes;
  }
  const messages = listOf(args.msg);
  if (messages !== undefined) {
    if (messages.length === 0) throw new InputError('--msg: expected a message id, frame key or kind, got nothing');
    const about = new Set<string>();
    for (const event of events) for (const m of eventMessages(event)) about.add(m);
    const missing = messages.filter((m) => !about.has(m));
    if (missing.length === messages.length) {
      throw new InputError(`--msg: expected a message id, frame key or frame kind of the trace, got ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
    }
    filter.messages = messages;
  }
  const wanted = listOf(args.violation);
  if (wanted !== undefined) {
    if (violations.length === 0) throw new InputError('--violation: the checkers found no violation in this trace (or --no-check was given)');
    const positions = new Set<number>();
    for (const spec of wanted) {
      const number = /^\d+$/.test(spec) ? Number(spec) : NaN;
      if (Number.isInteger(number) && number >= 1 && number <= groups.length) {
        for (const p of groups[number - 1]!.members) positions.add(p);
        continue;
      }
      const matching = violations.flatMap((v, k) => (v.property === spec ? [k] : []));
      if (matching.length === 0) {
        const properties = [...new Set(violations.map((v) => v.property))].join(', ');
        throw new InputError(`--violation: expected a number from 1 to ${groups.length} (as listed) or a violated property (${properties}), got ${JSON.stringify(spec)}`);
      }
      for (const p of matching) positions.add(p);
    }
    filter.violations = [...positions].sort((a, b) => a - b);
  }
  return Object.keys(filter).length === 0 ? undefined : filter;
}

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

/**
 * An output file named on the command line, checked before the trace is read
 * and rendered: an empty name or a folder is bad input now, not after the work.
 */
export function checkOutputFile(path: string, option: string): void {
  if (path === '') throw new InputError(`${option}: expected a file name to write, got ""`);
  checkWritableFile(path, option);
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
