// `vsynclab explore SCENARIO`: exhaustive exploration of a small
// configuration (sim/explore/). Thin: parse, explore, print, write the
// counterexample. Exit 0: ok (space exhausted, nothing found); 1: violated,
// or a protocol handler that threw or never returned (--handler-timeout-s);
// 2: bad input; 4: unknown (a bound was hit); 130 / 143: stopped by
// SIGINT / SIGTERM (cli/interrupt.ts), after reporting the states explored.
import { assertNever } from '../../core/assert-never.ts';
import { buildProtocol } from '../../sim/resolve-protocol.ts';
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_MEMORY_BYTES,
  DEFAULT_MAX_STATES,
  exploreSteps,
  legacyBudgetFlags,
  loadExploreScenario,
  parseBudgetFlag,
  porInapplicable,
  withBudgets,
  ExploreHang,
  type ExploreResult,
  type SearchProgress,
  type Strategy,
} from '../../sim/explore/index.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { driveYielding } from '../../sim/steps.ts';
import { InputError } from '../errors.ts';
import { checkWritableFile } from '../output-paths.ts';
import { checkWorkers } from '../numeric-flags.ts';
import { DEFAULT_COVERAGE_DIR, finishCoverage, prepareCoverage } from '../coverage-output.ts';
import { exploreWithCoverage } from '../../sim/coverage/explore-jobs.ts';
import { replayTraceCommand, type RunContext } from '../describe-run.ts';
import { shellCommand } from '../shell-quote.ts';
import { HANDLER_TIMEOUT_OPTION, parseHandlerTimeoutOption } from '../handler-timeout-option.ts';
import { exitStatusOf, interruptedLine, interruption, shouldStop, type InterruptSignal } from '../interrupt.ts';

interface ExploreArgs {
  scenario: string;
  strategy: Strategy;
  maxStates: number;
  maxDepth: number;
  maxMemoryMb: number;
  maxSeconds?: number;
  crashes?: number;
  partitions?: number;
  drops?: number;
  suspicions?: number;
  duplicates?: number;
  leaves?: number;
  joins?: number;
  budget?: string | string[];
  symmetry: boolean;
  por: boolean;
  sleepSets: boolean;
  compare: boolean;
  json: boolean;
  out?: string;
  plugin?: string | string[];
  coverage: boolean;
  coverageOut?: string;
  workers: number;
  handlerTimeoutS?: number;
}

const EXIT_OK = 0;
const EXIT_VIOLATED = 1;
const EXIT_UNKNOWN = 4;
const MB = 1024 * 1024;

export const exploreCommand: CommandModule<object, ExploreArgs> = {
  command: 'explore <scenario>',
  describe: 'Model-check a small configuration: explore every interleaving of a scenario, untimed',
  builder: (y: Argv<object>) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'a scenario file (its optional "explore" field sets the workload and budgets)' })
      .option('strategy', { choices: ['bfs', 'dfs'] as const, default: 'bfs' as Strategy, describe: 'breadth first (shortest counterexample) or depth first' })
      .option('max-states', { type: 'number', default: DEFAULT_MAX_STATES, describe: 'stop with "unknown" after this many states' })
      .option('max-depth', { type: 'number', default: DEFAULT_MAX_DEPTH, describe: 'do not go deeper than this many steps ("unknown" if cut)' })
      .option('max-memory-mb', { type: 'number', default: DEFAULT_MAX_MEMORY_BYTES / MB, describe: 'stop with "unknown" when resident memory exceeds this' })
      .option('max-seconds', { type: 'number', describe: 'stop with "unknown" after this many seconds (default: no limit)' })
      .option('budget', {
        type: 'string',
        describe: 'fault budgets per path, kind=count (kinds: crash, restart, partition, drop, suspicion, duplicate, leave, join); replaces the scenario\'s explore.budgets kind by kind',
      })
      // The separate flags of earlier versions, kept as aliases of --budget.
      .option('crashes', { type: 'number', hidden: true })
      .option('partitions', { type: 'number', hidden: true })
      .option('drops', { type: 'number', hidden: true })
      .option('suspicions', { type: 'number', hidden: true })
      .option('duplicates', { type: 'number', hidden: true })
      .option('leaves', { type: 'number', hidden: true })
      .option('joins', { type: 'number', hidden: true })
      .option('symmetry', { type: 'boolean', default: false, describe: 'merge states equal up to a renaming of the processes' })
      .option('por', { type: 'boolean', default: false, describe: 'partial-order reduction (ample sets; needs explore.receiptsSend false)' })
      .option('sleep-sets', {
        type: 'boolean',
        default: false,
        describe: 'partial-order reduction by sleep sets: the same states, fewer transitions; works with receipts that send and timers (not with --por, --symmetry or --workers)',
      })
      .option('compare', { type: 'boolean', default: false, describe: 'with --por/--sleep-sets/--symmetry: also explore without them and report both state and transition counts' })
      .option('workers', { type: 'number', default: 1, describe: 'worker threads for a parallel breadth-first search (same states and verdict; docs/explore.md)' })
      .option('handler-timeout-s', { ...HANDLER_TIMEOUT_OPTION, describe: HANDLER_TIMEOUT_OPTION.describe.replace('fail the run', 'end the exploration (exit 1)') })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object' })
      .option('out', { type: 'string', describe: 'where to write a counterexample (default ./<scenario>.counterexample.jsonl)' })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols first (repeatable)' })
      .option('coverage', { type: 'boolean', default: false, describe: 'report which protocol branches the exploration ran' })
      .option('coverage-out', { type: 'string', describe: `with --coverage: folder for coverage.json and coverage.html (default ./${DEFAULT_COVERAGE_DIR})` })
      .example('$0 explore scenarios/explore/cbcast-3x2.json', 'exhaust the reference configuration')
      .example('$0 explore scenarios/explore/cbcast-3x2.json --por --compare', 'with partial-order reduction, and the states it saved')
      .example('$0 explore s.json --budget crash=1,restart=1 --strategy dfs --json', 'one crash and one restart anywhere, depth first, JSON out') as unknown as Argv<ExploreArgs>,
  handler: async (args: ArgumentsCamelCase<ExploreArgs>) => {
    await loadPlugins(pluginUrls(([] as string[]).concat(args.plugin ?? [])));
    const maxStates = positive(args.maxStates, '--max-states');
    const maxDepth = positive(args.maxDepth, '--max-depth');
    const maxMemoryBytes = positive(args.maxMemoryMb, '--max-memory-mb') * MB;
    const maxSeconds = args.maxSeconds === undefined ? undefined : positive(args.maxSeconds, '--max-seconds');
    const workers = checkWorkers(positive(args.workers, '--workers'));
    const handlerTimeoutMs = parseHandlerTimeoutOption(args.handlerTimeoutS);
    // Options that would change nothing, and an output that cannot be written after a long search: refused now.
    if (args.compare && !reduced(args)) throw new InputError('--compare: only with --por, --sleep-sets or --symmetry (it explores again without them)');
    if (args.coverageOut !== undefined && !args.coverage) throw new InputError('--coverage-out: only with --coverage');
    if (args.out !== undefined) {
      if (args.out === '') throw new InputError('--out: expected a file name for the counterexample, got ""');
      checkWritableFile(args.out, '--out');
    }
    if (workers > 1 && args.strategy !== 'bfs') throw new InputError(`--workers ${workers}: the parallel search is breadth first: use --strategy bfs, or --workers 1`);
    if (workers > 1 && args.coverage) throw new InputError(`--coverage explores in one worker thread of its own (V8's coverage is per thread): use it with --workers 1`);
    const loaded = loadExploreScenario(args.scenario);
    buildProtocol(loaded.scenario.protocol, args.scenario, 'protocol'); // names the file when the protocol is unknown
    const legacyFlags = { crashes: args.crashes, partitions: args.partitions, drops: args.drops, suspicions: args.suspicions, duplicates: args.duplicates, leaves: args.leaves, joins: args.joins };
    const legacy = legacyBudgetFlags(legacyFlags);
    const budgetTexts = ([] as string[]).concat(args.budget ?? []);
    checkBudgetFlags(budgetTexts, legacyFlags);
    const config = withBudgets(withBudgets(loaded.config, legacy), parseBudgetFlag(budgetTexts));
    // Progress lines on stderr every few seconds, like TLC's (not with --json: one object only).
    const progress = !args.json;
    const options = {
      strategy: args.strategy,
      maxStates,
      maxDepth,
      maxMemoryBytes,
      ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      por: args.por,
      sleepSets: args.sleepSets,
      symmetry: args.symmetry,
      ...(workers > 1 ? { workers, plugins: pluginUrls(([] as string[]).concat(args.plugin ?? [])) } : {}),
      ...(progress ? { onProgress: (p: SearchProgress) => process.stderr.write(progressLine(p)) } : {}),
      ...(handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {}),
      shouldStop,
    };
    // The search yields every few tens of milliseconds; driven with event-loop
    // turns, a Ctrl-C handler runs and `shouldStop` ends it with what it explored.
    let result: ExploreResult;
    let baseline: ExploreResult | null = null;
    let signal: InterruptSignal | null;
    const coverageDir = args.coverageOut ?? DEFAULT_COVERAGE_DIR;
    const pluginPaths = ([] as string[]).concat(args.plugin ?? []);
    const coverage = args.coverage ? prepareCoverage(pluginPaths, coverageDir) : null;
    interruption.arm();
    try {
      if (coverage !== null) {
        // In a fresh worker thread, where coverage starts before any protocol code is compiled
        // (sim/coverage/explore-jobs.ts): this thread has already built the protocol above.
        const search = {
          strategy: args.strategy, maxStates, maxDepth, maxMemoryBytes, ...(maxSeconds !== undefined ? { maxSeconds } : {}),
          por: args.por, sleepSets: args.sleepSets, symmetry: args.symmetry, progress, ...(handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {}),
        };
        const covered = await exploreWithCoverage(
          { scenario: loaded.scenario, config, options: search, compare: args.compare, pluginUrls: pluginUrls(pluginPaths), pluginPaths },
          coverage,
          (p) => process.stderr.write(progressLine(p)),
          shouldStop,
        );
        result = covered.result;
        baseline = covered.baseline;
      } else {
        result = await driveYielding(exploreSteps(loaded.scenario, config, options));
        if (args.compare && reduced(args) && !interruption.requested()) {
          baseline = await driveYielding(exploreSteps(loaded.scenario, config, { ...options, por: false, sleepSets: false, symmetry: false }));
        }
      }
      signal = interruption.signal;
    } catch (error) {
      if (!(error instanceof ExploreHang)) throw error;
      // A handler that never returned: a protocol bug found, reported like one that threw (exit 1), with what was explored.
      reportHang(error, args.json, loaded.scenario.name);
      return;
    } finally {
      interruption.disarm();
    }
    if (coverage !== null) finishCoverage(coverage, coverageDir, args.json);
    let written: string | null = null;
    if (result.counterexample !== null) {
      written = args.out ?? `${result.scenario}.counterexample.jsonl`;
      try {
        writeFileSync(written, `${result.counterexample.lines.join('\n')}\n`);
      } catch (error) {
        throw new InputError(`--out ${written}: cannot write the counterexample (${(error as Error).message})`);
      }
    }
    // The replay command carries the --plugin paths: without them the counterexample's protocol is unknown.
    const context: RunContext = { plugins: pluginPaths };
    // --por in a configuration where ample sets cannot apply explores the full space: said, not implied.
    const porNote = args.por ? porInapplicable(config) : null;
    process.stdout.write(args.json ? `${JSON.stringify(jsonReport(result, written, baseline, signal, context, porNote))}\n` : textReport(result, written, baseline, context, porNote));
    if (signal !== null) {
      process.stderr.write(interruptedLine(signal, interruptedWhat(result, args.compare && reduced(args) && baseline === null)));
      process.exitCode = exitStatusOf(signal);
      return;
    }
    process.exitCode = result.result === 'ok' ? EXIT_OK : result.result === 'violated' ? EXIT_VIOLATED : EXIT_UNKNOWN;
  },
};

/** A handler that never returned: one line on stderr (and with --json one object on stdout); exit 1. */
function reportHang(hang: ExploreHang, json: boolean, scenario: string): void {
  if (json) {
    const { states, transitions, depth } = hang.explored;
    const { process: where, handler, timeoutMs } = hang.site;
    process.stdout.write(`${JSON.stringify({ result: 'error', error: hang.message, hang: { process: where, handler, timeoutS: timeoutMs / 1000, step: hang.step, path: hang.path }, states, transitions, depth, scenario })}\n`);
  }
  process.stderr.write(`vsynclab: ${hang.message}\n`);
  process.exitCode = EXIT_VIOLATED;
}

/** One progress line: what TLC prints (states, transitions, depth, rate, memory, queue). */
export function progressLine(p: SearchProgress): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `progress ${p.seconds.toFixed(0)} s: ${n(p.states)} states, ${n(p.transitions)} transitions, depth ${p.depth}, ${n(p.statesPerSecond)} states/s, ${n(Math.round(p.memoryBytes / MB))} MB, ${n(p.queued)} queued\n`;
}

/** Whether a reduction is on (so that --compare has a baseline to run). */
function reduced(args: { por: boolean; sleepSets: boolean; symmetry: boolean }): boolean {
  return args.por || args.sleepSets || args.symmetry;
}

/**
 * `--budget` items and the older per-kind flags: an empty `--budget`, a kind
 * given twice, or a kind given both ways would leave one value unused without
 * a word (the last one silently won).
 */
function checkBudgetFlags(texts: readonly string[], legacyFlags: Readonly<Record<string, number | undefined>>): void {
  const given = new Map<string, string>();
  for (const [alias, value] of Object.entries(legacyFlags)) {
    for (const kind of Object.keys(legacyBudgetFlags({ [alias]: value }))) given.set(kind, `--${alias}`);
  }
  for (const text of texts) {
    if (text.trim() === '') throw new InputError('--budget: expected kind=count items, for example crash=1,restart=1, got ""');
    for (const item of text.split(',')) {
      if (item.trim() === '') continue;
      for (const kind of Object.keys(parseBudgetFlag([item]))) {
        const before = given.get(kind);
        if (before !== undefined) throw new InputError(`--budget ${item.trim()}: the ${kind} budget is already given (${before}); give each kind once`);
        given.set(kind, `--budget ${item.trim()}`);
      }
    }
  }
}

function positive(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) throw new InputError(`${option}: expected a whole number >= 1, got ${JSON.stringify(value)}`);
  return value;
}

/** What the interrupted line says: how far the search got, and what is missing from the report. */
function interruptedWhat(r: ExploreResult, baselineSkipped: boolean): string {
  const skipped = baselineSkipped ? '; the --compare search without reductions did not run' : '';
  switch (r.result) {
    case 'unknown':
      return `${r.states} states explored to depth ${r.depth}, nothing found in them; the space was not exhausted${skipped}`;
    case 'violated':
      // The shortest-counterexample search (BFS) was cut short, or never ran: the path found stands.
      return `${r.states} states explored to depth ${r.depth}; the counterexample (${r.counterexample?.choices.length ?? 0} steps) stands but may not be the shortest${skipped}`;
    case 'ok':
      return `${r.states} states explored to depth ${r.depth}; the search had finished (space exhausted)${skipped}`;
    default:
      return assertNever(r.result, 'result');
  }
}

export function jsonReport(r: ExploreResult, counterexample: string | null, baseline: ExploreResult | null, signal: InterruptSignal | null, context: RunContext = {}, porNote: string | null = null): Record<string, unknown> {
  return {
    result: r.result,
    ...(signal !== null ? { interrupted: signal } : {}),
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    seconds: round(r.seconds),
    statesPerSecond: r.statesPerSecond,
    peakMemoryBytes: r.peakMemoryBytes,
    ...(counterexample !== null ? { counterexample, replay: replayTraceCommand(counterexample, context) } : {}),
    ...(r.bound !== null ? { bound: r.bound } : {}),
    ...(r.violation !== null ? { violation: { property: r.violation.property, message: r.violation.message, steps: r.counterexample?.choices.length ?? 0 } } : {}),
    scenario: r.scenario,
    protocol: r.protocol,
    strategy: r.strategy,
    por: r.por,
    ...(porNote !== null ? { porReducesNothing: porNote } : {}),
    sleepSets: r.sleepSets,
    symmetry: r.symmetry,
    terminalStates: r.terminalStates,
    pathsChecked: r.pathsChecked,
    ...(baseline !== null ? { baseline: { result: baseline.result, states: baseline.states, transitions: baseline.transitions, seconds: round(baseline.seconds) } } : {}),
  };
}

export function textReport(r: ExploreResult, counterexample: string | null, baseline: ExploreResult | null, context: RunContext = {}, porNote: string | null = null): string {
  const reductions = [r.por ? 'por' : '', r.sleepSets ? 'sleep-sets' : '', r.symmetry ? 'symmetry' : ''].filter(Boolean).join('+') || 'no reduction';
  const lines: string[] = [`explore ${r.scenario} (${r.protocol}; ${r.strategy}, ${reductions})`];
  if (porNote !== null) lines.push(`  --por reduces nothing here: ${porNote}; the full space is explored (--sleep-sets works with receipts that send)`);
  switch (r.result) {
    case 'ok':
      lines.push(`${chalk.green('OK')}: state space exhausted, no violation`);
      break;
    case 'violated': {
      const v = r.violation!;
      lines.push(`${chalk.red('VIOLATED')} ${v.property}${v.liveness ? ' (at a terminal state)' : ''}: ${v.message}`);
      lines.push(`  counterexample: ${r.counterexample?.choices.length ?? 0} steps, written to ${counterexample}`);
      // Both run as printed (issue 10): quoted, and the replay names the plugins the protocol came from.
      const check = shellCommand(['npx', 'vsynclab', 'check', counterexample ?? '']);
      lines.push(`  see it: ${check}; replay it: ${replayTraceCommand(counterexample ?? '', context)}`);
      break;
    }
    case 'unknown':
      lines.push(`${chalk.yellow('UNKNOWN')}: bound hit: ${r.bound} (nothing found in the states explored)`);
      break;
  }
  lines.push(
    `  states ${r.states}, transitions ${r.transitions}, max depth ${r.depth}, terminal ${r.terminalStates}, ` +
      `${round(r.seconds)} s, ${r.statesPerSecond} states/s, peak memory ${Math.round(r.peakMemoryBytes / MB)} MB`,
  );
  if (baseline !== null) {
    const factor = r.states > 0 ? (baseline.states / r.states).toFixed(2) : '-';
    // Sleep sets keep every state and save transitions: both counts say what a reduction saved.
    const transitionFactor = r.transitions > 0 ? (baseline.transitions / r.transitions).toFixed(2) : '-';
    lines.push(
      `  without reductions: ${baseline.result}, ${baseline.states} states (${factor}x as many), ` +
        `${baseline.transitions} transitions (${transitionFactor}x as many), ${round(baseline.seconds)} s`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
