// merge-reports: the JSON reports of --shard runs merge into the report of
// the unsharded run (same totals, same failures, same replay commands), in
// any reporter; bad report files exit 2 naming the file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './cli-harness.ts';

const SUITE = ['test/fixtures/scenarios/flood-clean.json', 'test/fixtures/scenarios/flood-lossy.json'];
const PLUGIN = 'test/fixtures/flood-plugin.ts';
let dir: string;
let whole: string;
let shards: string[];

const run = (...args: string[]) => cliInProcess('run', '--plugin', PLUGIN, ...SUITE, '--workers', '1', ...args);

/** A report without its wall-clock times, which differ from run to run. */
function timeless(text: string): unknown {
  const r = JSON.parse(text) as { scenarios: Record<string, unknown>[]; results: Record<string, unknown>[] };
  return { ...r, scenarios: r.scenarios.map((s) => ({ ...s, wallSeconds: 0 })), results: r.results.map((s) => ({ ...s, wallSeconds: 0 })) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vsynclab-merge-'));
  const unsharded = await run('--reporter', 'json');
  expect(unsharded.status).toBe(1);
  whole = unsharded.stdout;
  shards = [];
  for (const shard of ['1/2', '2/2']) {
    const file = join(dir, `shard-${shard[0]}.json`);
    const r = await run('--reporter', 'json', '--shard', shard, '--report-file', file);
    expect([0, 1]).toContain(r.status);
    shards.push(file);
  }
});

describe('vsynclab merge-reports', () => {
  it('merges shard reports into the unsharded JSON report', async () => {
    const parts = shards.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { runs: number; shard: { index: number; count: number; planRuns: number } });
    expect(parts.map((p) => p.shard)).toEqual([{ index: 1, count: 2, planRuns: 9 }, { index: 2, count: 2, planRuns: 9 }]);
    expect(parts[0]!.runs).toBeLessThan(9);
    // Given in either order.
    const merged = await cliInProcess('merge-reports', shards[1]!, shards[0]!, '--reporter', 'json');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(1);
    expect(timeless(merged.stdout)).toEqual(timeless(whole));
    expect((JSON.parse(merged.stdout) as { runs: number; failed: number }).failed).toBeGreaterThan(0);
  });

  it('prints the merged report as pretty text and as JUnit', async () => {
    const report = JSON.parse(whole) as { runs: number; passed: number; failed: number; failures: { seed: number; replay: string }[] };
    const pretty = await cliInProcess('merge-reports', ...shards);
    expect(pretty.status).toBe(1);
    expect(pretty.stdout).toContain(`${report.runs} runs of 2 scenarios: ${report.passed} passed, ${report.failed} failed`);
    for (const f of report.failures) expect(pretty.stdout).toContain(`FAIL flood-lossy seed ${f.seed}: `);
    expect(pretty.stdout).toContain(`     replay: ${report.failures[0]!.replay}`);
    expect(pretty.stdout).toMatch(/flood-clean\s+3\s+0\s+\d+/);

    const xmlFile = join(dir, 'junit.xml');
    const junit = await cliInProcess('merge-reports', ...shards, '--reporter', 'junit', '--report-file', xmlFile);
    expect(junit.status).toBe(1);
    const unshardedXml = (await run('--reporter', 'junit')).stdout;
    const untimed = (xml: string): string => xml.replace(/time="[\d.]+"/g, 'time=""');
    expect(untimed(readFileSync(xmlFile, 'utf8'))).toBe(untimed(unshardedXml));
  });

  it('warns when a shard is missing, and merges what it has', async () => {
    const r = await cliInProcess('merge-reports', shards[0]!, '--reporter', 'json');
    expect(r.stderr).toContain('no report for shard 2/2');
    expect((JSON.parse(r.stdout) as { runs: number }).runs).toBe((JSON.parse(readFileSync(shards[0]!, 'utf8')) as { runs: number }).runs);
  });

  it('bad report files: exit 2 with one line naming the file', async () => {
    const bad = (name: string, text: string): string => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const shard = JSON.parse(readFileSync(shards[0]!, 'utf8')) as Record<string, unknown> & { results: Record<string, unknown>[] };
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.json')], /missing\.json: cannot read the report file/],
      [[bad('not-json.json', '{ "runs": ')], /not-json\.json: not valid JSON/],
      [[bad('deep.json', '['.repeat(200_000))], /deep\.json: (nested too deeply|not valid JSON)/],
      [[bad('array.json', '[]')], /array\.json: the report: expected an object/],
      [[bad('old.json', JSON.stringify({ runs: 1, passed: 1, failed: 0, failures: [] }))], /old\.json: results: expected a list of runs/],
      [[bad('row.json', JSON.stringify({ ...shard, results: [{ ...shard.results[0], seed: -1 }] }))], /row\.json: results\[0\]\.seed: expected an integer >= 0/],
      [[shards[0]!, shards[0]!], /shard-1\.json: results: run \d+ .* is also in .*shard-1\.json/],
      [[shards[0]!, bad('unsharded.json', whole)], /unsharded\.json: shard: expected a shard of the same plan/],
      [[bad('stopped.json', JSON.stringify({ ...shard, interrupted: 'SIGINT' }))], /stopped\.json: interrupted: this run was stopped by SIGINT/],
    ];
    for (const [files, message] of cases) {
      const r = await cliInProcess('merge-reports', ...files);
      expect(r.status, files.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cliInProcess('merge-reports')).status).toBe(2);
  });
});
