// `vsynclab run --coverage`: the summary, coverage.json and coverage.html.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess, cliSpawned } from '../cli-harness.ts';

describe('vsynclab run --coverage', () => {
  it('reports branches per protocol file, the never-run ones as file:line, and the trace facts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-cov-'));
    const r = await cliInProcess('run', 'scenarios/isis-member-crash.json', '--seed', '1', '--coverage', '--coverage-out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/protocol\/isis\/membership\.ts +\d+\/\d+ /);
    expect(r.stdout).toMatch(/Never run \(\d+\):\n  protocol\/isis\/\S+\.ts:\d+:\d+ \w/);
    expect(r.stdout).toContain('fault kind x role hit: crash x');
    const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { runs: number; files: { file: string }[]; facts: { note: Record<string, number> } };
    expect(json.runs).toBe(1);
    expect(json.files.length).toBeGreaterThan(10);
    expect(Object.keys(json.facts.note)).toContain('flush-begin');
    expect(existsSync(join(out, 'coverage.html'))).toBe(true);
  });

  it('records frames under --detail net, so the message kinds sent are counted', async () => {
    const kinds = async (...detail: string[]): Promise<string[]> => {
      const out = mkdtempSync(join(tmpdir(), 'vsynclab-cov-net-'));
      const r = await cliInProcess('run', 'scenarios/isis-member-crash.json', '--seed', '1', '--coverage', '--coverage-out', out, ...detail);
      expect(r.status).toBe(0);
      return Object.keys((JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { facts: { 'message-kind': Record<string, number> } }).facts['message-kind']);
    };
    expect(await kinds()).toEqual([]);
    expect(await kinds('--detail', 'net')).toEqual(expect.arrayContaining(['hb']));
  });

  // The installed CLI runs from a one-file bundle, where no protocol file has
  // a script of its own: bin/vsynclab.js must load the ES modules instead.
  it('counts protocol branches from the real CLI too (bin/vsynclab.js, not the bundle)', () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-cov-bin-'));
    const r = cliSpawned(['run', 'scenarios/isis-member-crash.json', '--seed', '1', '--coverage', '--coverage-out', out]);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { files: { file: string }[] };
    expect(json.files.some((f) => f.file.includes('protocol/isis/membership.ts'))).toBe(true);
  }, 60_000);

  // The hunt keeps runs that reach new branches: from the bundle it would see none.
  it('lets the hunt count protocol branches from the real CLI too', () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-hunt-bin-'));
    const r = cliSpawned(['hunt', 'scenarios/isis-member-crash.json', '--runs', '2', '--out', out]);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { totals: { branches: { total: number; run: number } } };
    expect(json.totals.branches.run).toBeGreaterThan(100);
  }, 120_000);

  it('refuses --trace-out, and a --coverage-out that is a file', async () => {
    const bad = await cliInProcess('run', 'scenarios/isis-member-crash.json', '--seed', '1', '--coverage', '--trace-out', join(tmpdir(), 'x.jsonl'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--coverage: not with --trace-out');
    const file = await cliInProcess('run', 'scenarios/isis-member-crash.json', '--seed', '1', '--coverage', '--coverage-out', 'package.json');
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('--coverage-out package.json: expected a folder');
  });
});
