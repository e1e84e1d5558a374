// `vsynclab explore --coverage`: measured in a worker thread of its own, so
// the options the CLI checks (and the protocol it builds) before exploring
// do not count as whole functions: no warning, and the exploration's verdict
// and JSON report are the ones without coverage.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSpawned } from '../cli-harness.ts';

const SCENARIO = 'scenarios/explore/isis-crash-3x0.json';

describe('vsynclab explore --coverage', () => {
  it('reports the exploration\'s branches from a fresh worker thread, with no whole-function warning (bin/vsynclab.js)', () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-explore-cov-'));
    const r = cliSpawned(['explore', SCENARIO, '--coverage', '--coverage-out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    // With --json the summary goes to standard error, the one JSON object to standard output.
    expect(r.stderr).toContain("Coverage of the protocol's files over the exploration");
    expect(r.stderr).toMatch(/protocol\/isis\/membership\.ts +\d+\/\d+ /);
    expect(r.stderr).not.toContain('Warning:');
    const plain = cliSpawned(['explore', SCENARIO, '--json']);
    const counts = (stdout: string): unknown => {
      const { result, states, transitions, depth } = JSON.parse(stdout) as Record<string, unknown>;
      return { result, states, transitions, depth };
    };
    expect(counts(r.stdout)).toEqual(counts(plain.stdout));
    const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { subject: string; wholeFunctions?: number; totals: { branches: { run: number } } };
    expect(json.subject).toBe('the exploration');
    expect(json.wholeFunctions).toBeUndefined();
    expect(json.totals.branches.run).toBeGreaterThan(50);
  }, 120_000);
});
