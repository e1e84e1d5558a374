// The run and replay commands as a user meets them: a real process, exit
// statuses, and messages for bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, ['bin/vsynclab.js', ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('vsynclab run: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-cli-'));

  it('a scenario that is not JSON: exit 2 with file and line', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "name": "x",\n  oops\n}\n');
    const r = cli('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:3: not valid JSON/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a scenario with a bad field: exit 2 naming the field', () => {
    const file = join(dir, 'badfield.json');
    writeFileSync(file, JSON.stringify({ name: 'x', description: 'd', processes: 0 }));
    const r = cli('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('badfield.json: processes: expected an integer from 1 to 64, got 0');
  });

  it('a missing path, bad seeds, an unknown option: exit 2', () => {
    expect(cli('run', join(dir, 'nope.json')).status).toBe(2);
    const seeds = cli('run', '--seeds', '9..1');
    expect(seeds.status).toBe(2);
    expect(seeds.stderr).toContain('--seeds: expected a range');
    expect(cli('run', '--no-such-option').status).toBe(2);
  });

  it('a trace to replay that does not exist or has no scenario: exit 2', () => {
    expect(cli('replay', join(dir, 'missing.jsonl')).status).toBe(2);
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, '{"type":"header","format":"vsynclab-trace","version":1}\n');
    const r = cli('replay', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('plain.jsonl:1: scenarioSpec');
  });
});
