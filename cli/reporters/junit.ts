// JUnit XML: one test suite per scenario, one test case per seed, so CI
// systems show failing runs natively.
import type { FailureReport, SuiteReport } from './suite-report.ts';

export function junitReport(report: SuiteReport): string {
  const suites = new Map<string, SuiteReport['results']>();
  for (const row of report.results) {
    const list = suites.get(row.scenario) ?? [];
    list.push(row);
    suites.set(row.scenario, list);
  }
  const failureAt = new Map<number, FailureReport>(report.failures.map((f) => [f.index, f]));
  const total = report.results.reduce((sum, o) => sum + o.wallSeconds, 0);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vsynclab" tests="${report.runs}" failures="${report.failed}" time="${total.toFixed(3)}">`,
  ];
  if (report.interrupted !== undefined) out.push(`  <!-- interrupted by ${xml(report.interrupted)}: only the runs that finished are listed -->`);
  for (const [scenario, runs] of suites) {
    const failed = runs.filter((o) => !o.passed).length;
    const time = runs.reduce((sum, o) => sum + o.wallSeconds, 0);
    out.push(`  <testsuite name="${xml(scenario)}" tests="${runs.length}" failures="${failed}" time="${time.toFixed(3)}">`);
    for (const o of runs) {
      const open = `    <testcase classname="${xml(scenario)}" name="seed ${o.seed}" file="${xml(o.file)}" time="${o.wallSeconds.toFixed(3)}"`;
      const f = failureAt.get(o.index);
      if (o.passed || f === undefined) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      out.push(`      <failure message="${xml(f.failure)}" type="violation">${xml(`${f.detail}\nreplay: ${f.replay}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot hold at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?');
}
