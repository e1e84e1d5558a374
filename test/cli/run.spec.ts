// The run and replay commands as a user meets them: exit statuses and
// messages for bad input (in-process: cli/main.ts's runCli).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';

describe('vsynclab run: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-cli-'));

  it('a scenario that is not JSON: exit 2 with file and line', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "name": "x",\n  oops\n}\n');
    const r = await cli('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:3: not valid JSON/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a scenario with a bad field: exit 2 naming the field', async () => {
    const file = join(dir, 'badfield.json');
    writeFileSync(file, JSON.stringify({ name: 'x', description: 'd', processes: 0 }));
    const r = await cli('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('badfield.json: processes: expected an integer from 1 to 64, got 0');
  });

  it('a missing path, bad seeds, an unknown option: exit 2', async () => {
    expect((await cli('run', join(dir, 'nope.json'))).status).toBe(2);
    const seeds = await cli('run', '--seeds', '9..1');
    expect(seeds.status).toBe(2);
    expect(seeds.stderr).toContain('--seeds: expected a range');
    expect((await cli('run', '--no-such-option')).status).toBe(2);
  });

  it('a trace to replay that does not exist or has no scenario: exit 2', async () => {
    expect((await cli('replay', join(dir, 'missing.jsonl'))).status).toBe(2);
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, '{"type":"header","format":"vsynclab-trace","version":1}\n');
    const r = await cli('replay', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('plain.jsonl:1: scenarioSpec');
  });
});
