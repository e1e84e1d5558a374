// The pretty reporter: a failing run in two lines (verdict, replay command),
// then the per-scenario table and a one-line summary.
import chalk from 'chalk';
import type { FailureReport, SuiteReport } from './suite-report.ts';
import { summaryTable } from './summary-table.ts';

export function prettyFailure(f: FailureReport): string {
  return `${chalk.red('FAIL')} ${f.scenario} seed ${f.seed}: ${f.detail}\n     replay: ${f.replay}\n`;
}

export function summaryLine(report: SuiteReport, scenarios: number, seconds: number): string {
  const shard = report.shard;
  const of = shard === undefined ? '' : ` (shard ${shard.index}/${shard.count})`;
  const text = `${report.runs} runs of ${scenarios} scenarios${of}: ${report.passed} passed, ${report.failed} failed (${seconds.toFixed(1)} s)`;
  return report.failed === 0 ? chalk.green(text) : chalk.red(text);
}

export function prettySummary(report: SuiteReport, scenarios: number, seconds: number): string {
  return `${summaryTable(report.scenarios)}${summaryLine(report, scenarios, seconds)}\n`;
}
