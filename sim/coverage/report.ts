// The coverage report: per file, how many branch points and functions ran
// and which never did (file:line); the trace facts by family. One value,
// written as coverage.json, summarised in the terminal, drawn as HTML.
import { relative } from 'node:path';
import type { CoverageCollector } from './collector.ts';
import type { PointRecord } from './branch-coverage.ts';
import { familyOf, type FactFamily } from './trace-facts.ts';
import type { BranchKind } from './branch-points.ts';

export interface Tally {
  total: number;
  run: number;
}

export interface NeverRun {
  line: number;
  column: number;
  kind: BranchKind;
}

export interface FileCoverage {
  /** Relative to the folder the command ran in. */
  file: string;
  branches: Tally;
  functions: Tally;
  neverRun: NeverRun[];
}

export interface CoverageReport {
  format: 'vsynclab-coverage';
  version: 1;
  runs: number;
  /** What ran: "76 runs", or "the exploration". */
  subject: string;
  /** What produced the branch counts, for a reader of the file. */
  source: string;
  totals: { branches: Tally; functions: Tally };
  files: FileCoverage[];
  /** Per family, each fact with the number of runs that showed it. */
  facts: Record<FactFamily, Record<string, number>>;
  /**
   * Present when some protocol functions ran before coverage started in
   * the measuring thread (a hunt or exploration in a process that ran
   * protocol code first): their branches count as run whether they ran or not.
   */
  wholeFunctions?: number;
}

export function buildCoverageReport(collector: CoverageCollector, cwd: string): CoverageReport {
  const byFile = new Map<string, PointRecord[]>();
  for (const p of collector.branches.points()) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const files: FileCoverage[] = [...byFile.entries()].map(([file, points]) => {
    const fns = points.filter((p) => p.kind === 'function');
    const branches = points.filter((p) => p.kind !== 'function');
    return {
      file: relative(cwd, file),
      branches: { total: branches.length, run: branches.filter((p) => p.count > 0).length },
      functions: { total: fns.length, run: fns.filter((p) => p.count > 0).length },
      neverRun: points.filter((p) => p.count === 0).map((p) => ({ line: p.line, column: p.column, kind: p.kind })),
    };
  });
  const sum = (pick: (f: FileCoverage) => Tally): Tally => ({
    total: files.reduce((n, f) => n + pick(f).total, 0),
    run: files.reduce((n, f) => n + pick(f).run, 0),
  });
  const facts: CoverageReport['facts'] = { note: {}, 'note-pair': {}, 'message-kind': {}, 'fault-role': {} };
  for (const [key, runs] of [...collector.facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    facts[familyOf(key)][key.slice(key.indexOf(':') + 2)] = runs;
  }
  const report: CoverageReport = {
    format: 'vsynclab-coverage',
    version: 1,
    runs: collector.runs,
    subject: collector.subject ?? `${collector.runs} runs`,
    source: 'V8 precise block coverage (node:inspector), mapped to the TypeScript through source maps',
    totals: { branches: sum((f) => f.branches), functions: sum((f) => f.functions) },
    files,
    facts,
  };
  const wholes = collector.branches.wholeFunctions();
  if (wholes > 0) report.wholeFunctions = wholes;
  return report;
}

const FAMILY_TITLES: Record<FactFamily, string> = {
  note: 'protocol notes',
  'note-pair': 'consecutive note pairs (per process)',
  'message-kind': 'message kinds sent',
  'fault-role': 'fault kind x role hit',
};

/** The terminal summary: per file, then every point never run as file:line, then the facts. */
export function coverageSummary(report: CoverageReport): string {
  const lines: string[] = [];
  const width = Math.max(10, ...report.files.map((f) => f.file.length));
  lines.push(`Coverage of the protocol's files over ${report.subject} (V8 block coverage):`);
  for (const f of report.files) {
    lines.push(`  ${f.file.padEnd(width)}  ${tally(f.branches)} branches  ${tally(f.functions)} functions`);
  }
  lines.push(`  ${'total'.padEnd(width)}  ${tally(report.totals.branches)} branches  ${tally(report.totals.functions)} functions`);
  if (report.wholeFunctions !== undefined) {
    lines.push(`Warning: ${report.wholeFunctions} protocol functions ran before coverage started in this thread; V8 counts them as wholes, so every branch of a called one counts as run (docs/coverage.md, "Limits").`);
  }
  const never = report.files.flatMap((f) => f.neverRun.map((n) => `  ${f.file}:${n.line}:${n.column + 1} ${n.kind}`));
  lines.push(never.length === 0 ? 'Every branch ran.' : `Never run (${never.length}):`);
  lines.push(...never);
  for (const family of Object.keys(FAMILY_TITLES) as FactFamily[]) {
    const entries = Object.entries(report.facts[family]);
    const shown = entries.map(([what, runs]) => `${what} (${runs})`).join(', ');
    lines.push(`${FAMILY_TITLES[family]}: ${entries.length === 0 ? 'none in these traces' : shown}`);
  }
  return `${lines.join('\n')}\n`;
}

function tally(t: Tally): string {
  const pct = t.total === 0 ? 100 : (100 * t.run) / t.total;
  return `${String(t.run).padStart(4)}/${String(t.total).padEnd(4)} (${pct.toFixed(1).padStart(5)}%)`;
}
