// Determinism is the product: the same scenario and seed give a
// byte-identical trace in separate processes (the compiled CLI, spawned) and
// in this one (the sources, in-process).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess, cliSpawned } from '../cli/cli-harness.ts';

const SCENARIO = 'test/fixtures/scenarios/flood-lossy.json';
const PLUGIN = 'test/fixtures/flood-plugin.ts';

const runArgs = (seed: number, file: string): string[] => ['run', '--plugin', PLUGIN, SCENARIO, '--seed', String(seed), '--trace-out', file];

function traceInFreshProcess(seed: number, file: string): Buffer {
  const r = cliSpawned(runArgs(seed, file));
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return readFileSync(file);
}

async function traceInThisProcess(seed: number, file: string): Promise<Buffer> {
  const r = await cliInProcess(...runArgs(seed, file));
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return readFileSync(file);
}

describe('determinism across processes', () => {
  it('two processes, and this one, running the same scenario and seed write the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-det-'));
    const a = traceInFreshProcess(4, join(dir, 'a.jsonl'));
    const b = traceInFreshProcess(4, join(dir, 'b.jsonl'));
    const here = await traceInThisProcess(4, join(dir, 'here.jsonl'));
    const c = await traceInThisProcess(5, join(dir, 'c.jsonl'));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
    expect(here.equals(a)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('replay of a written trace is byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-det-'));
    const file = join(dir, 'run.jsonl.gz');
    await traceInThisProcess(2, file);
    const r = await cliInProcess('replay', '--plugin', PLUGIN, file);
    expect(r.stdout).toContain('byte-identical');
    expect(r.status).toBe(0);
  });
});
