// The final per-scenario table of the pretty reporter.
import type { ScenarioSummary } from './suite-report.ts';

export function summaryTable(rows: readonly ScenarioSummary[]): string {
  const headers = ['scenario', 'runs', 'failed', 'events', 'simulated s', 'wall s'];
  const cells = rows.map((r) => [
    r.scenario,
    String(r.runs),
    String(r.failures),
    String(r.simEvents),
    r.simulatedSeconds.toFixed(1),
    r.wallSeconds.toFixed(2),
  ]);
  const widths = headers.map((h, k) => Math.max(h.length, ...cells.map((c) => (c[k] ?? '').length)));
  const line = (c: string[]): string =>
    c.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
