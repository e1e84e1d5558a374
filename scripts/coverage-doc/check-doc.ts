// The doc against a coverage report: which entries of its coverage section
// name a point never run (matched by anchor, anchors.ts), which points no
// entry explains, which entries name code that runs now; and the doc's
// text with the line numbers, group counts and totals line rewritten.
import type { CoverageReport } from '../../sim/coverage/report.ts';
import { anchorOf, entryLine, matchEntries, parseEntries, rewriteLines, type DocEntry, type NeverRunPoint, type SourceFile } from './anchors.ts';

export interface DocCheck {
  /** The doc, rewritten. */
  text: string;
  matched: number;
  /** Matched entries whose line:column changed (or that had no anchor yet). */
  moved: number;
  /** A doc line for each point never run that no entry explains. */
  unexplained: string[];
  /** The doc lines of entries that name no point never run. */
  stale: string[];
  totals: { runs: number; branches: { run: number; total: number }; functions: { run: number; total: number }; neverRun: number };
}

const SECTION = '## Coverage';
/** The one line of the section this check writes whole. */
const TOTALS = /^Default suite now \(`scripts\/coverage-doc\.ts` writes this line\): .*$/;

export function checkDoc(
  text: string,
  report: CoverageReport,
  /** The doc's name for a report file (relative to protocol/isis/), null for a file the doc does not cover. */
  docFileOf: (reportFile: string) => string | null,
  /** The sources the report was measured on. */
  sourceOf: (file: string) => SourceFile | null,
  /** The sources that an entry without an anchor takes its anchor from (its line numbers are theirs). */
  anchorSourceOf: (file: string) => SourceFile | null = sourceOf,
): DocCheck {
  const lines = text.split('\n');
  const start = lines.indexOf(SECTION);
  if (start < 0) throw new Error(`the doc has no "${SECTION}" section`);
  let end = lines.findIndex((line, k) => k > start && line.startsWith('## '));
  if (end < 0) end = lines.length;

  const points: NeverRunPoint[] = report.files.flatMap((f) => {
    const file = docFileOf(f.file);
    return file === null ? [] : f.neverRun.map((n) => ({ file, line: n.line, column: n.column, kind: n.kind }));
  });
  const entries = withAnchors(parseEntries(lines, start, end), anchorSourceOf);
  const { matched, unexplained, stale } = matchEntries(entries, points, sourceOf);
  const rewritten = rewriteLines(lines, matched, sourceOf);
  const totals = {
    runs: report.runs,
    branches: report.totals.branches,
    functions: report.totals.functions,
    neverRun: report.files.reduce((n, f) => n + f.neverRun.length, 0),
  };
  for (let k = start; k < end; k++) {
    if (TOTALS.test(rewritten[k]!)) rewritten[k] = totalsLine(totals);
  }
  let moved = 0;
  for (const [entry, point] of matched) if (entry.line !== point.line || entry.column !== point.column + 1 || lines[entry.at] !== rewritten[entry.at]) moved++;
  return {
    text: rewritten.join('\n'),
    matched: matched.size,
    moved,
    unexplained: unexplained.map((point) => {
      const source = sourceOf(point.file);
      return source === null ? `- \`${point.file}:${point.line}:${point.column + 1}\` ${point.kind}` : entryLine(point, anchorOf(point, source, points));
    }),
    stale: stale.map((entry) => lines[entry.at]!),
    totals,
  };
}

export function totalsLine(t: DocCheck['totals']): string {
  return `Default suite now (\`scripts/coverage-doc.ts\` writes this line): ${t.runs} runs, ${t.branches.run} of ${t.branches.total} branch points, ${t.functions.run} of ${t.functions.total} functions, ${t.neverRun} points never run.`;
}

/** Entries without an anchor get one from the sources their numbers refer to. */
function withAnchors(entries: DocEntry[], sourceOf: (file: string) => SourceFile | null): DocEntry[] {
  const bare = entries.filter((e) => e.anchor === null).map((e) => ({ file: e.file, line: e.line, column: e.column - 1, kind: e.kind }));
  return entries.map((entry) => {
    if (entry.anchor !== null) return entry;
    const source = sourceOf(entry.file);
    if (source === null) return entry;
    return { ...entry, anchor: anchorOf({ file: entry.file, line: entry.line, column: entry.column - 1, kind: entry.kind }, source, bare) };
  });
}
