// `vsynclab check FILE... [--json] [--properties a,b]`: checks traces against
// the properties of TRACE_FORMAT.md. Exit 0: no violation; 1: a violation;
// 2: invalid input (the file, line and what was expected; nothing checked).
// With several files the status is the highest. The properties checked are
// the profile the trace's header promises (`properties`), or those named by
// --properties, or all fifteen; the others are reported `not promised`.
// Thin: read, feed the checker, print.
import { createWriteStream, mkdtempSync, openSync, readSync, closeSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { hideBin } from '../vendor-yargs.ts';
import { ALL_PROPERTIES, DEFAULT_MAX_VIOLATIONS, TraceChecker, parsePropertyList } from '../../checkers/index.ts';
import type { CheckResult, PropertyId } from '../../checkers/index.ts';
import { PLAIN_PAINTER, linesToShow, renderTextReport } from '../../checkers/report.ts';
import type { FileReport, Painter } from '../../checkers/report.ts';
import { readTraceBatches } from '../../traces/reader.ts';
import { readLinesAt } from '../../traces/read-context.ts';
import { STDIN_PATH, displayName } from '../../traces/read-lines.ts';
import type { TraceHeader } from '../../traces/schema.ts';
import { InputError } from '../errors.ts';
import { StatusLine, progressWanted } from '../progress.ts';
import { escapeControl, locate } from '../../traces/input-error.ts';

interface CheckArgs {
  files: string[];
  json: boolean;
  maxViolations: number;
  properties: string | undefined;
  progress: boolean;
}

/** What to check: the properties given on the command line, or (null) each trace's own profile. */
type Profile = readonly PropertyId[] | null;

const EXIT_OK = 0;
const EXIT_VIOLATION = 1;
const EXIT_INVALID = 2;

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <files..>',
  describe: 'Check traces (.jsonl, .jsonl.gz, or - for standard input) against the trace properties',
  builder: (y: Argv<object>) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'trace files; - reads standard input' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object per file instead of the report' })
      .option('max-violations', {
        type: 'number',
        default: DEFAULT_MAX_VIOLATIONS,
        describe: 'violations listed per file (the first of each property always is)',
      })
      .option('properties', {
        type: 'string',
        describe: "comma-separated property ids to check (the others are reported 'not promised'); default: the header's profile, or all",
      })
      .option('progress', { type: 'boolean', default: false, describe: 'show the events read so far on standard error even when it is not a terminal' })
      .example('$0 check run.jsonl', 'the report: each property held, violated, unknown or skipped, with the trace lines')
      .example('$0 check run.jsonl --properties fifo-order,causal-order', 'check only the properties a protocol promises')
      .example('$0 check a.jsonl b.jsonl.gz --json', 'one JSON object per file, in argument order')
      .example('gunzip -c run.jsonl.gz | $0 check -', 'a trace on standard input') as unknown as Argv<CheckArgs>,
  handler: async (args: ArgumentsCamelCase<CheckArgs>) => {
    if (!Number.isInteger(args.maxViolations) || args.maxViolations < 1) {
      throw new InputError(`--max-violations: expected a whole number >= 1, got ${JSON.stringify(args.maxViolations)}`);
    }
    const profile = parseProfileOption(args.properties);
    const files = filesInArgumentOrder(args.files.map(String), hideBin(process.argv));
    if (files.length === 0) throw new InputError('check: name at least one trace file (- reads standard input)');
    const several = files.length > 1;
    let status = EXIT_OK;
    const tally = { ok: 0, failed: 0, invalid: 0 };
    let reported = 0;
    // A long trace (a million events take seconds) shows how far the reading is.
    const progress = new StatusLine(progressWanted(args.progress));
    for (const path of files) {
      try {
        const fileStatus = args.json
          ? await checkToJson(path, several, args.maxViolations, profile, progress)
          : await checkToText(path, args.maxViolations, reported > 0, profile, progress);
        reported += 1;
        status = Math.max(status, fileStatus);
        if (fileStatus === EXIT_OK) tally.ok += 1;
        else tally.failed += 1;
      } catch (error) {
        if (!(error instanceof InputError) || !several) throw error;
        // Several files: report this one as invalid and go on with the others.
        process.stderr.write(`vsynclab: ${error.message}\n`);
        if (args.json) process.stdout.write(`${JSON.stringify(invalidJson(path, error.message))}\n`);
        status = EXIT_INVALID;
        tally.invalid += 1;
      }
    }
    if (several && !args.json) {
      process.stdout.write(`\n${files.length} traces: ${tally.ok} ok, ${tally.failed} with violations, ${tally.invalid} invalid\n`);
    }
    process.exitCode = status;
  },
};

function parseProfileOption(option: string | undefined): Profile {
  if (option === undefined) return null;
  const parsed = parsePropertyList(String(option).split(','));
  if ('unknown' in parsed) {
    throw new InputError(`--properties: unknown property id ${JSON.stringify(parsed.unknown)}; expected ids among ${ALL_PROPERTIES.join(', ')}`);
  }
  if (parsed.ids.length === 0) throw new InputError('--properties: expected at least one property id');
  return parsed.ids;
}

/**
 * The profile a header promises (`properties`), or all properties. The
 * contract says `check` checks every property and leaves every header field
 * but `format` and `version` free, so a `properties` field is taken as a
 * profile only in a header vsynclab's own runner or explorer wrote (it also
 * carries `scenarioSpec` or `exploreChoices`) and only as a list of known
 * property ids. Any other (another tool's field of the same name) is ignored,
 * with a warning, and every property is checked.
 */
export function headerProfile(header: TraceHeader): { ids: readonly PropertyId[]; warning?: string } {
  const value = header.properties;
  if (value === undefined) return { ids: ALL_PROPERTIES };
  const ignored = (why: string): { ids: readonly PropertyId[]; warning: string } => ({
    ids: ALL_PROPERTIES,
    warning: `header field properties ${why}, so it is not a vsynclab profile: ignored, every property checked`,
  });
  if (!writtenByVsynclab(header)) return ignored('is in a header vsynclab did not write (no scenarioSpec or exploreChoices)');
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return ignored(`is ${JSON.stringify(value)}, not an array of property ids`);
  const parsed = parsePropertyList(value as string[]);
  if ('unknown' in parsed) return ignored(`names ${JSON.stringify(parsed.unknown)}, not a property id among ${ALL_PROPERTIES.join(', ')}`);
  return { ids: parsed.ids };
}

/** A header of a vsynclab run (`scenarioSpec`) or explorer counterexample (`exploreChoices`). */
function writtenByVsynclab(header: TraceHeader): boolean {
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
  return isObject(header.scenarioSpec) || isObject(header.exploreChoices);
}

/**
 * yargs drops a lone `-` from positionals (yargs/yargs-parser#381, open), so
 * the file list is rebuilt from the raw arguments: every `-` among them, and
 * the files yargs did keep, in the order they were typed.
 */
export function filesInArgumentOrder(parsed: readonly string[], rawArgs: readonly string[]): string[] {
  const files: string[] = [];
  let next = 0;
  const start = rawArgs.indexOf('check');
  for (const token of rawArgs.slice(start + 1)) {
    if (token === STDIN_PATH) files.push(STDIN_PATH);
    else if (next < parsed.length && token === parsed[next]) files.push(parsed[next++] as string);
  }
  while (next < parsed.length) files.push(parsed[next++] as string);
  return files;
}

interface Checked {
  header: TraceHeader;
  eventCount: number;
  result: CheckResult;
  counts: Map<PropertyId, number>;
}

/** Reads and checks one trace; throws InputError (and checks nothing) on invalid input. */
async function checkTrace(path: string, maxViolations: number, profile: Profile, progress: StatusLine, name?: string): Promise<Checked> {
  let checker: TraceChecker | undefined;
  let header: TraceHeader | undefined;
  let eventCount = 0;
  for await (const part of readTraceBatches(path, name === undefined ? {} : { name })) {
    if ('header' in part) {
      header = part.header;
      // The command line's profile wins; a header field that is not a profile is reported either way.
      const promised = headerProfile(header);
      if (promised.warning !== undefined) process.stderr.write(`vsynclab: ${name ?? displayName(path)}: warning: ${promised.warning}\n`);
      checker = new TraceChecker({ maxViolations, properties: profile ?? promised.ids });
      continue;
    }
    for (const event of part.events) checker!.push(event);
    eventCount += part.events.length;
    progress.update(() => `check ${escapeControl(name ?? displayName(path))}: ${eventCount} events read`);
  }
  progress.finish();
  checker ??= new TraceChecker({ maxViolations });
  const result = checker.finish();
  const counts = new Map<PropertyId, number>();
  for (const id of ALL_PROPERTIES) counts.set(id, checker.violationCount(id));
  return { header: header as TraceHeader, eventCount, result, counts };
}

async function checkToJson(path: string, withFile: boolean, maxViolations: number, profile: Profile, progress: StatusLine): Promise<number> {
  const { result } = await checkTrace(path, maxViolations, profile, progress);
  const object = {
    ...(withFile ? { file: path } : {}),
    ok: result.ok,
    violations: result.violations.map(({ property, message, events }) => ({ property, message, events })),
    checked: result.checked,
    skipped: result.skipped,
    unknown: result.unknown,
    notPromised: result.notPromised,
  };
  process.stdout.write(`${JSON.stringify(object)}\n`);
  for (const warning of result.warnings) process.stderr.write(`vsynclab: ${displayName(path)}: warning: ${warning}\n`);
  return result.ok ? EXIT_OK : EXIT_VIOLATION;
}

function invalidJson(path: string, message: string): object {
  return { file: path, ok: false, error: message, violations: [], checked: [], skipped: [], unknown: [], notPromised: [] };
}

async function checkToText(path: string, maxViolations: number, afterAnother: boolean, profile: Profile, progress: StatusLine): Promise<number> {
  // The report re-reads the lines it shows; standard input can be read only
  // once, so it is first copied to a temporary file.
  const spool = path === STDIN_PATH ? await spoolStdin() : null;
  try {
    const source = spool?.path ?? path;
    const name = displayName(path);
    const checked = await checkTrace(source, maxViolations, profile, progress, name);
    const lines = await readLinesAt(source, linesToShow(checked.result), { name });
    const report: FileReport = { file: name, ...checked, lines };
    process.stdout.write((afterAnother ? '\n' : '') + renderTextReport(report, chalkPainter()));
    return checked.result.ok ? EXIT_OK : EXIT_VIOLATION;
  } finally {
    if (spool !== null) rmSync(spool.dir, { recursive: true, force: true });
  }
}

async function spoolStdin(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-check-'));
  const plain = join(dir, 'stdin.jsonl');
  await pipeline(process.stdin, createWriteStream(plain));
  if (!startsWithGzipMagic(plain)) return { dir, path: plain };
  const gzipped = `${plain}.gz`;
  renameSync(plain, gzipped);
  return { dir, path: gzipped };
}

function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function chalkPainter(): Painter {
  if (chalk.level === 0) return PLAIN_PAINTER;
  return {
    good: (text) => chalk.green(text),
    bad: (text) => chalk.red(text),
    note: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
  };
}
