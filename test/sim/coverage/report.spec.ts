// The report: per file counts, every never-run point as file:line in the
// summary, highlighted lines in the HTML page; and a real run through V8.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoverageCollector } from '../../../sim/coverage/collector.ts';
import { coverageHtml } from '../../../sim/coverage/html.ts';
import { coverageSummary, type CoverageReport } from '../../../sim/coverage/report.ts';
import { protocolScope } from '../../../sim/coverage/scope.ts';
import { writeCoverage } from '../../../sim/coverage/write-coverage.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';
import { runScenario } from '../../../sim/run.ts';

const report: CoverageReport = {
  format: 'vsynclab-coverage',
  version: 1,
  runs: 2,
  subject: '2 runs',
  source: 'test',
  totals: { branches: { total: 3, run: 2 }, functions: { total: 1, run: 1 } },
  files: [{ file: 'protocol/isis/x.ts', branches: { total: 3, run: 2 }, functions: { total: 1, run: 1 }, neverRun: [{ line: 2, column: 4, kind: 'else' }] }],
  facts: { note: { 'flush-ok': 2 }, 'note-pair': {}, 'message-kind': {}, 'fault-role': { 'crash x coordinator': 1 } },
};

describe('coverage report', () => {
  it('summarises per file and lists each never-run point as file:line:column', () => {
    const text = coverageSummary(report);
    expect(text).toMatch(/protocol\/isis\/x\.ts\s+2\/3 .*branches/);
    expect(text).toContain('protocol/isis/x.ts:2:5 else');
    expect(text).toContain('crash x coordinator (1)');
    expect(text).toContain('message kinds sent: none in these traces');
    expect(text).not.toContain('Warning');
    expect(coverageSummary({ ...report, wholeFunctions: 4 })).toContain('Warning: 4 protocol functions ran before coverage started');
  });

  it('highlights the lines of never-run points in the page, and nothing else', () => {
    const html = coverageHtml(report, () => 'a();\nif (x) { } else { <b>(); }\nc();');
    expect(html.match(/class="miss"/g)).toHaveLength(1);
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toMatch(/<script/);
  });
});

describe('coverage of real runs', () => {
  it('counts the protocol files only, and a static stack leaves the membership code unrun', () => {
    const collector = new CoverageCollector(protocolScope());
    collector.start();
    const [loaded] = loadScenarios(['scenarios/isis-fbcast-static.json']);
    const scenario = loaded!.forSeed(1);
    const observed = collector.observe(scenario, null);
    runScenario(scenario, { seed: '1', checker: observed.checker });
    collector.endRun(observed.facts);
    collector.stop();
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-coverage-'));
    const written = writeCoverage(collector, dir);
    const files = written.report.files.map((f) => f.file);
    expect(files.every((f) => /protocol[/\\]isis[/\\]\w[\w-]*\.ts$/.test(f))).toBe(true);
    const byName = (name: string) => written.report.files.find((f) => f.file.endsWith(`${name}.ts`))!;
    expect(byName('static-stack').functions.run).toBeGreaterThan(0);
    expect(byName('membership').functions.run).toBe(0);
    expect(byName('membership').neverRun.length).toBe(byName('membership').branches.total + byName('membership').functions.total);
    const json = JSON.parse(readFileSync(written.jsonPath, 'utf8')) as CoverageReport;
    expect(json.runs).toBe(1);
    expect(readFileSync(written.htmlPath, 'utf8')).toContain('static-stack.ts');
  });
});
