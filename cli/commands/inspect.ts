// `vsynclab inspect TRACE --at N`: replays the trace's run to just after
// event N and prints each process's protocol state (pretty, or --json), or
// with --diff what event N changed. The work is in sim/inspect/.
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readTraceText } from '../../sim/replay.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { inspectAt, startedProcesses, traceLines, type InspectedEvent, type ProcessAt } from '../../sim/inspect/inspect-at.ts';
import { describeChanges } from '../../sim/inspect/state-diff.ts';
import { prettyChanges, prettyLines } from '../../sim/inspect/pretty-state.ts';
import { escapeControl } from '../../traces/input-error.ts';
import { InputError } from '../errors.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { StatusLine, progressWanted } from '../progress.ts';
import { progressLabel, replayProgress } from './trace-progress.ts';

interface InspectArgs {
  trace: string;
  at: string;
  node?: string;
  json: boolean;
  diff: boolean;
  plugin?: string | string[];
  progress: boolean;
}

export const inspectCommand: CommandModule<object, InspectArgs> = {
  command: 'inspect <trace>',
  describe: "Replay a trace to just after one event and print each process's protocol state",
  builder: (y: Argv<object>) =>
    y
      .positional('trace', { type: 'string', demandOption: true, describe: 'a trace written by vsynclab run, replay or explore (.jsonl or .jsonl.gz)' })
      .option('at', { type: 'string', demandOption: true, describe: 'the event index i: show the states just after this event' })
      .option('node', { type: 'string', describe: 'show only this process (p2, p4#2, ...)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the exact states as one JSON object' })
      .option('diff', { type: 'boolean', default: false, describe: 'print what event N changed: each changed path, before -> after' })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols before the replay (repeatable)' })
      .option('progress', { type: 'boolean', default: false, describe: 'show how far the replay is on standard error even when it is not a terminal' })
      .example('$0 inspect run.jsonl --at 812', 'every process state after event 812')
      .example('$0 inspect run.jsonl --at 812 --node p2 --diff', 'what event 812 changed in p2')
      .example('$0 inspect run.jsonl --at 812 --json', 'the exact states, for jq') as unknown as Argv<InspectArgs>,
  handler: async (args: ArgumentsCamelCase<InspectArgs>) => {
    await loadPlugins(pluginUrls(([] as string[]).concat(args.plugin ?? [])));
    const lines = traceLines(readTraceText(args.trace));
    const at = parseEventIndex(args.at, lines.length - 1, args.trace);
    if (args.node !== undefined) {
      const known = startedProcesses(lines);
      if (!known.includes(args.node)) {
        throw new InputError(`${args.trace}: --node ${JSON.stringify(args.node)}: no such process in the trace (it starts ${known.join(', ') || 'none'})`);
      }
    }
    // The replay runs to the trace's end (to compare every line): a long trace shows how far it is.
    const progress = new StatusLine(progressWanted(args.progress));
    let inspected: InspectedEvent;
    try {
      inspected = inspectAt(lines, args.trace, at, replayProgress(progress, progressLabel('inspect', args.trace), lines.length - 1));
    } finally {
      progress.finish();
    }
    // A recorded trace that is not a valid trace (a cut last line, a mistyped
    // field) is bad input naming its line, not a divergence of the protocol;
    // checked only now, as replay does, so a clean inspect reads the file once.
    if (inspected.difference !== null) for await (const part of readTraceBatches(args.trace)) void part;
    const diverged = inspected.divergedAt !== null && inspected.divergedAt <= at;
    if (!diverged) {
      const shown = args.node === undefined ? inspected.processes : inspected.processes.filter((p) => p.node === args.node);
      const text = args.json ? jsonOutput(inspected, shown, args.diff) : prettyOutput(inspected, shown, args.diff, args.node);
      process.stdout.write(text);
    }
    if (inspected.difference !== null) {
      process.stdout.write(divergence(inspected));
      process.exitCode = 1;
      return;
    }
    process.exitCode = 0;
  },
};

/** `--at` as an event index of a trace with `events` events. */
function parseEventIndex(text: string, events: number, path: string): number {
  const range = events <= 0 ? 'the trace has no events' : `an event index from 0 to ${events - 1}`;
  if (!/^\d{1,15}$/.test(String(text).trim())) throw new InputError(`${path}: --at: expected ${range}, got ${JSON.stringify(String(text))}`);
  const at = Number(String(text).trim());
  if (at >= events) {
    throw new InputError(`${path}: --at ${at}: the trace has ${events <= 0 ? 'no events' : `${events} events (0..${events - 1})`}`);
  }
  return at;
}

function eventLine(inspected: InspectedEvent): string {
  const e = inspected.event;
  const unit = inspected.timeUnit === 'us' ? 'us' : ' (step)';
  return `after event ${inspected.at}, t=${String(e.t)}${unit}: ${escapeControl(JSON.stringify(e))}`;
}

function prettyOutput(inspected: InspectedEvent, shown: readonly ProcessAt[], diff: boolean, node: string | undefined): string {
  const out: string[] = [chalk.bold(eventLine(inspected))];
  if (diff) {
    // A handler that writes no event (an app-level ack, say) shows its changes at the next event written.
    out.push(chalk.dim(`changes since event ${inspected.at - 1}, including those of handlers that wrote no event of their own`));
  }
  if (shown.length === 0) out.push(`${node ?? 'no process'}: not started yet at event ${inspected.at}`);
  let changed = 0;
  for (const p of shown) {
    const status = p.status === 'live' ? '' : ` (${p.status})`;
    if (diff) {
      const changes = describeChanges(p.before, p.state);
      if (changes.length === 0) continue;
      changed++;
      out.push(chalk.bold(`${p.node}${status}`), ...prettyChanges(changes, 2));
      continue;
    }
    out.push(chalk.bold(`${p.node}${status}`));
    if (p.state === undefined) out.push('  (no state yet: its start handler has not run)');
    else out.push(...prettyLines(p.state, 2));
  }
  if (diff && changed === 0 && shown.length > 0) {
    out.push(`event ${inspected.at} changed no state${node === undefined ? '' : ` of ${node}`}`);
  }
  return `${out.join('\n')}\n`;
}

function jsonOutput(inspected: InspectedEvent, shown: readonly ProcessAt[], diff: boolean): string {
  const status = Object.fromEntries(shown.map((p) => [p.node, p.status]));
  if (diff) {
    const changes = Object.fromEntries(shown.map((p) => [p.node, describeChanges(p.before, p.state)]).filter(([, c]) => (c as unknown[]).length > 0));
    return `${JSON.stringify({ at: inspected.at, event: inspected.event, status, changes })}\n`;
  }
  const states = Object.fromEntries(shown.filter((p) => p.state !== undefined).map((p) => [p.node, p.state]));
  return `${JSON.stringify({ at: inspected.at, event: inspected.event, status, states })}\n`;
}

function divergence(inspected: InspectedEvent): string {
  const d = inspected.difference!;
  const where = d.line === 1 ? 'the header' : `event ${d.line - 2}`;
  const consequence = inspected.divergedAt !== null && inspected.divergedAt <= inspected.at
    ? `the states at event ${inspected.at} would not be the recorded run's`
    : `the states above, before it, are the recorded run's`;
  return `${chalk.red('DIVERGED')} at ${where} (line ${d.line}): the replay differs from the recorded trace (a changed protocol or simulator?); ${consequence}\n` +
    `  recorded: ${escapeControl(d.expected ?? '(end of file)')}\n  replayed: ${escapeControl(d.actual ?? '(end of run)')}\n`;
}
