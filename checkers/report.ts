// The readable report of `vsynclab check`: per property held / violated /
// unknown / skipped / not promised, the warnings, then the violations with
// the trace lines they name and one line of context around each. The
// consequences of one cause ("p3 never received p4:1") form one group: its
// first violation is shown, the rest counted. Pure text; colour comes from
// the painter the caller passes (chalk in the CLI, plain in tests). Every
// string from the trace goes through `printable`, so a trace cannot drive
// the terminal.
import type { TraceHeader } from '../traces/schema.ts';
import { printable } from '../traces/export/describe-event.ts';
import { ALL_PROPERTIES } from './properties.ts';
import type { PropertyId } from './properties.ts';
import type { CheckResult } from './trace-checker.ts';
import { NO_END_WARNING, NOT_QUIESCENT_WARNING } from './trace-checker.ts';
import type { Violation } from './violation.ts';

export interface Painter {
  good(text: string): string;
  bad(text: string): string;
  note(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const PLAIN_PAINTER: Painter = {
  good: (text) => text,
  bad: (text) => text,
  note: (text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

export interface FileReport {
  file: string;
  header: TraceHeader;
  eventCount: number;
  result: CheckResult;
  /** Violations per property, listed or not. */
  counts: ReadonlyMap<PropertyId, number>;
  /** Trace lines by line number, for the violations shown in detail. */
  lines: ReadonlyMap<number, string>;
}

/** Violations shown with their trace lines; the rest are listed by message only. */
export const DETAILED_VIOLATIONS = 20;
const CONTEXT_LINES = 1;
const MAX_LINE_SHOWN = 200;

/** The line numbers the report will show for `result`. */
export function linesToShow(result: CheckResult, detailed = DETAILED_VIOLATIONS): number[] {
  const lines = new Set<number>();
  for (const group of groupByCause(result).slice(0, detailed)) {
    for (const line of contextOf(group.first)) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Kept violations in report order; those of one cause together, at the place of the first. */
export interface ViolationGroup {
  first: Violation;
  cause: string | undefined;
  /** Violations of this cause, listed or not (1 for a violation with no shared cause). */
  count: number;
  /** The kept ones after the first, per property. */
  rest: Map<string, number>;
}

export function groupByCause(result: CheckResult): ViolationGroup[] {
  const groups: ViolationGroup[] = [];
  const byCause = new Map<string, ViolationGroup>();
  for (const violation of result.violations) {
    const cause = violation.cause;
    const counted = cause === undefined ? 1 : (result.causeCounts[cause] ?? 1);
    if (cause === undefined || counted < 2) {
      groups.push({ first: violation, cause: undefined, count: 1, rest: new Map() });
      continue;
    }
    const known = byCause.get(cause);
    if (known !== undefined) {
      known.rest.set(violation.property, (known.rest.get(violation.property) ?? 0) + 1);
      continue;
    }
    const group: ViolationGroup = { first: violation, cause, count: counted, rest: new Map() };
    byCause.set(cause, group);
    groups.push(group);
  }
  return groups;
}

function contextOf(violation: Violation): number[] {
  const lines = new Set<number>();
  for (const i of violation.events) {
    const line = i + 2;
    for (let near = line - CONTEXT_LINES; near <= line + CONTEXT_LINES; near++) if (near >= 2) lines.add(near);
  }
  return [...lines].sort((a, b) => a - b);
}

export function renderTextReport(report: FileReport, paint: Painter, detailed = DETAILED_VIOLATIONS): string {
  const { result } = report;
  const out: string[] = [];
  out.push(`${paint.bold(printable(report.file))}  ${paint.dim(describeHeader(report.header, report.eventCount))}`);
  const skippedWhy = skipReason(result);
  const width = Math.max(...ALL_PROPERTIES.map((id) => id.length));
  const unknown = new Map(result.unknown.map((entry) => [entry.property, entry.reason]));
  for (const id of ALL_PROPERTIES) {
    const count = report.counts.get(id) ?? 0;
    const name = id.padEnd(width);
    if (result.notPromised.includes(id)) out.push(`  ${paint.dim('not promised')} ${id}`);
    else if (result.skipped.includes(id)) out.push(`  ${paint.note('skipped ')} ${name}  ${paint.dim(skippedWhy)}`.trimEnd());
    else if (count > 0) out.push(`  ${paint.bad('VIOLATED')} ${name}  ${paint.bad(`${count} violation${count === 1 ? '' : 's'}`)}`);
    else if (unknown.has(id)) out.push(`  ${paint.note('unknown ')} ${name}  ${paint.dim(printable(unknown.get(id) as string))}`);
    else out.push(`  ${paint.good('held    ')} ${id}`);
  }
  for (const warning of result.warnings) out.push(`  ${paint.note('warning:')} ${printable(warning)}`);
  groupByCause(result).forEach((group, at) => {
    out.push('');
    if (group.cause !== undefined) {
      const follow = `${group.count} violations follow`;
      out.push(`  ${paint.bold(printable(group.cause))}: ${follow} (the first, then the others by property)`);
    }
    const violation = group.first;
    out.push(`  ${paint.bad(violation.property)}: ${printable(violation.message)}`);
    if (at < detailed) out.push(...renderLines(violation, report.lines, paint));
    else if (at === detailed) out.push(paint.dim(`  (trace lines are shown for the first ${detailed} violations only)`));
    if (group.cause !== undefined) out.push(paint.dim(`  ... and ${group.count - 1} more: ${describeRest(group)}`));
  });
  out.push('');
  out.push(summaryLine(report, paint));
  return out.join('\n') + '\n';
}

function describeRest(group: ViolationGroup): string {
  const parts = [...group.rest].map(([property, count]) => `${property} ${count}`);
  const listed = [...group.rest.values()].reduce((sum, count) => sum + count, 0);
  const unlisted = group.count - 1 - listed;
  if (unlisted > 0) parts.push(`${unlisted} not listed`);
  return parts.join(', ');
}

function renderLines(violation: Violation, lines: ReadonlyMap<number, string>, paint: Painter): string[] {
  const named = new Set(violation.events.map((i) => i + 2));
  const wanted = contextOf(violation);
  const width = String(wanted[wanted.length - 1] ?? 0).length;
  const out: string[] = [];
  let previous = -1;
  for (const line of wanted) {
    const text = lines.get(line);
    if (text === undefined) continue;
    if (previous !== -1 && line > previous + 1) out.push(paint.dim(`      ${' '.repeat(width)} ...`));
    const cut = text.length > MAX_LINE_SHOWN ? `${text.slice(0, MAX_LINE_SHOWN)}...` : text;
    const shown = printable(cut);
    const number = String(line).padStart(width);
    out.push(named.has(line) ? `    > ${number} | ${shown}` : paint.dim(`      ${number} | ${shown}`));
    previous = line;
  }
  return out;
}

function describeHeader(header: TraceHeader, eventCount: number): string {
  const parts: string[] = [];
  for (const key of ['protocol', 'scenario', 'seed'] as const) {
    const value = header[key];
    if (typeof value === 'string' || typeof value === 'number') parts.push(`${key} ${printable(String(value))}`);
  }
  parts.push(`${eventCount} event${eventCount === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function skipReason(result: CheckResult): string {
  if (result.warnings.includes(NO_END_WARNING)) return 'no end event (the run was cut off)';
  if (result.warnings.includes(NOT_QUIESCENT_WARNING)) return 'the run did not settle (end.quiescent is false)';
  return '';
}

function summaryLine(report: FileReport, paint: Painter): string {
  const { result } = report;
  let total = 0;
  for (const count of report.counts.values()) total += count;
  const properties = [...report.counts.values()].filter((count) => count > 0).length;
  const checked = `${result.checked.length} of ${ALL_PROPERTIES.length} properties checked`;
  const skipped = result.skipped.length === 0 ? '' : `, ${result.skipped.length} liveness skipped`;
  const unknown = result.unknown.length === 0 ? '' : `, ${result.unknown.length} unknown`;
  const notPromised = result.notPromised.length === 0 ? '' : `, ${result.notPromised.length} not promised`;
  const file = printable(report.file);
  if (result.ok) return paint.good(`${file}: OK: no violation (${checked}${unknown}${skipped}${notPromised})`);
  return paint.bad(
    `${file}: FAILED: ${total} violation${total === 1 ? '' : 's'} of ${properties} propert${properties === 1 ? 'y' : 'ies'} (${checked}${unknown}${skipped}${notPromised})`,
  );
}
