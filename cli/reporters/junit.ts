// JUnit XML: one test suite per scenario, one test case per seed, so CI
// systems show failing runs natively.
import type { RunOutcome } from '../../sim/suite/execute.ts';
import { replayCommand } from '../describe-run.ts';
import { describeFailure } from '../describe-run.ts';

export function junitReport(outcomes: readonly RunOutcome[]): string {
  const suites = new Map<string, RunOutcome[]>();
  for (const o of outcomes) {
    const list = suites.get(o.result.scenario) ?? [];
    list.push(o);
    suites.set(o.result.scenario, list);
  }
  const failures = outcomes.filter((o) => !o.result.passed).length;
  const total = outcomes.reduce((sum, o) => sum + o.wallSeconds, 0);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vsynclab" tests="${outcomes.length}" failures="${failures}" time="${total.toFixed(3)}">`,
  ];
  for (const [scenario, runs] of suites) {
    const failed = runs.filter((o) => !o.result.passed).length;
    const time = runs.reduce((sum, o) => sum + o.wallSeconds, 0);
    out.push(`  <testsuite name="${xml(scenario)}" tests="${runs.length}" failures="${failed}" time="${time.toFixed(3)}">`);
    for (const o of runs) {
      const open = `    <testcase classname="${xml(scenario)}" name="seed ${o.seed}" file="${xml(o.file)}" time="${o.wallSeconds.toFixed(3)}"`;
      if (o.result.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const body = `${describeFailure(o.result)}\nreplay: ${replayCommand(o.file, o.result, o.tracePath, o.mutant)}`;
      out.push(`${open}>`);
      out.push(`      <failure message="${xml(o.result.failure ?? 'failed')}" type="violation">${xml(body)}</failure>`);
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
