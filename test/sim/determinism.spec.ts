// Determinism is the product: the same scenario and seed give a
// byte-identical trace in separate processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCENARIO = 'test/fixtures/scenarios/flood-lossy.json';
const PLUGIN = 'test/fixtures/flood-plugin.ts';

function traceInFreshProcess(seed: number, file: string): Buffer {
  const r = spawnSync(process.execPath, ['bin/vsynclab.js', 'run', '--plugin', PLUGIN, SCENARIO, '--seed', String(seed), '--trace-out', file], {
    encoding: 'utf8',
  });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return readFileSync(file);
}

describe('determinism across processes', () => {
  it('two processes running the same scenario and seed write the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-det-'));
    const a = traceInFreshProcess(4, join(dir, 'a.jsonl'));
    const b = traceInFreshProcess(4, join(dir, 'b.jsonl'));
    const c = traceInFreshProcess(5, join(dir, 'c.jsonl'));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('replay of a written trace is byte-identical', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-det-'));
    const file = join(dir, 'run.jsonl.gz');
    traceInFreshProcess(2, file);
    const r = spawnSync(process.execPath, ['bin/vsynclab.js', 'replay', '--plugin', PLUGIN, file], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(r.stdout).toContain('byte-identical');
    expect(r.status).toBe(0);
  });
});
