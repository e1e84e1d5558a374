// Running suites like a CI tool: workers, shards, reporters. In-process,
// except one run of the compiled CLI with a TypeScript plugin in worker
// threads, compared with the same suite run in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliInProcess, cliSpawned, type CliOutcome } from './cli-harness.ts';

const SUITE = ['test/fixtures/scenarios/flood-clean.json', 'test/fixtures/scenarios/flood-lossy.json'];
const PLUGIN = 'test/fixtures/flood-plugin.ts';

const run = (...args: string[]): Promise<CliOutcome> => cliInProcess('run', '--plugin', PLUGIN, ...args);

// Plain progress lines, as CI sees them.
let ciBefore: string | undefined;
beforeEach(() => {
  ciBefore = process.env['CI'];
  process.env['CI'] = 'true';
});
afterEach(() => {
  if (ciBefore === undefined) delete process.env['CI'];
  else process.env['CI'] = ciBefore;
});

type JsonReport = { runs: number; passed: number; failed: number; failures: { scenario: string; seed: number; trace: string | null; replay: string }[] };

describe('vsynclab run as a CI tool', () => {
  it('gives the same report and the same traces with 1 worker in-process and 2 in the compiled CLI (the plugin loads in each worker)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-workers-'));
    const one = await run(...SUITE, '--workers', '1', '--reporter', 'json', '--out', join(dir, 'w1'));
    const two = cliSpawned(['run', '--plugin', PLUGIN, ...SUITE, '--workers', '2', '--reporter', 'json', '--out', join(dir, 'w2')]);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    const a = JSON.parse(one.stdout) as JsonReport;
    const b = JSON.parse(two.stdout) as JsonReport;
    expect(a.runs).toBe(9);
    expect(a.failed).toBeGreaterThan(0);
    const strip = (r: JsonReport): unknown => ({ ...r, scenarios: undefined, results: undefined, failures: r.failures.map((f) => ({ ...f, trace: f.trace?.replace(/w[12]/, 'w'), replay: f.replay.replace(/w[12]/, 'w') })) });
    expect(strip(b)).toEqual(strip(a));
    const files = readdirSync(join(dir, 'w1')).sort();
    expect(files).toEqual(readdirSync(join(dir, 'w2')).sort());
    expect(files.length).toBe(a.failed);
    for (const f of files) expect(readFileSync(join(dir, 'w2', f)).equals(readFileSync(join(dir, 'w1', f)))).toBe(true);
  });

  it('a plan that fails after the worker threads started (an unknown protocol, found while planning): the one-line error, exit 2, and the process ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plan-error-'));
    const file = join(dir, 'nope.json');
    const copy = JSON.parse(readFileSync('test/fixtures/scenarios/flood-clean.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...copy, protocol: { name: 'nope' }, seeds: [1, 2, 3] }));
    // Live worker threads would keep the process from exiting: the timeout turns that into a failure here.
    const r = spawnSync(process.execPath, ['bin/vsynclab.js', 'run', file, '--workers', '2'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('protocol.name: unknown protocol "nope"');
  });

  it('shards partition the runs: their union is the unsharded run', async () => {
    const whole = JSON.parse((await run(...SUITE, '--workers', '1', '--reporter', 'json')).stdout) as JsonReport;
    const shards: JsonReport[] = [];
    for (const i of [1, 2, 3]) shards.push(JSON.parse((await run(...SUITE, '--workers', '1', '--reporter', 'json', '--shard', `${i}/3`)).stdout) as JsonReport);
    expect(shards.reduce((n, s) => n + s.runs, 0)).toBe(whole.runs);
    const key = (f: { scenario: string; seed: number }): string => `${f.scenario}#${f.seed}`;
    const union = shards.flatMap((s) => s.failures.map(key)).sort();
    expect(union).toEqual(whole.failures.map(key).sort());
    expect((await run(...SUITE, '--shard', '4/3')).status).toBe(2);
  });

  it('writes JUnit XML with one test case per scenario and seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-junit-'));
    const file = join(dir, 'junit.xml');
    const r = await run(...SUITE, '--workers', '1', '--reporter', 'junit', '--report-file', file);
    expect(r.status).toBe(1);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<testcase /g)?.length).toBe(9);
    expect(xml).toContain('<testsuite name="flood-clean" tests="3" failures="0"');
    expect(xml).toMatch(/<failure message="[^"]+" type="violation">/);
    expect(r.stdout).toMatch(/9 runs of 2 scenarios: \d+ passed, \d+ failed/);
  });

  it('pretty output: failing runs with replay commands, the table, plain progress lines under CI', async () => {
    const r = await run(...SUITE, '--workers', '1');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL flood-lossy seed \d+: /);
    expect(r.stdout).toContain('replay: npx vsynclab replay --scenario test/fixtures/scenarios/flood-lossy.json --seed');
    expect(r.stdout).toMatch(/flood-clean\s+3\s+0\s+\d+/);
    expect(r.stderr).toMatch(/9\/9 runs, \d+ failed/);
  });
});
