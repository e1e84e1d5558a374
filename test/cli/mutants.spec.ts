// The mutant and shrink commands as a user meets them (in-process).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';

describe('vsynclab mutants', () => {
  it('reports a caught mutant as JSON with where and how fast', async () => {
    const r = await cli('mutants', 'scenarios/isis-cascading-crashes.json', '--only', 'fifo-gap', '--seeds', '1..3', '--workers', '1', '--json');
    expect(r.status).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(row).toMatchObject({ name: 'fifo-gap', caught: true, scenario: 'isis-cascading-crashes', seed: 1, seedsToFailure: 1 });
    expect(row?.properties).toContain('fifo-order');
    expect(typeof row?.secondsToFailure).toBe('number');
  });

  it('exits 1 when a mutant survives, and 2 for an unknown one', async () => {
    const survived = await cli('mutants', 'scenarios/isis-steady-load.json', '--only', 'no-majority', '--seed', '1', '--workers', '1');
    expect(survived.stdout).toContain('SURVIVED no-majority');
    expect(survived.status).toBe(1);
    const unknown = await cli('mutants', '--only', 'no-such-mutant');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--only: unknown mutant "no-such-mutant"');
    expect((await cli('run', 'scenarios/isis-steady-load.json', '--mutant', 'nope', '--seed', '1')).status).toBe(2);
  });

  it('a mutant run writes its name in the trace, so replay and shrink run the same broken code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-mutant-'));
    const trace = join(dir, 'fifo-gap.jsonl');
    const run = await cli('run', 'scenarios/isis-cascading-crashes.json', '--seed', '1', '--mutant', 'fifo-gap', '--trace-out', trace);
    expect(run.status).toBe(1);
    const replay = await cli('replay', trace);
    expect(replay.stdout).toContain('byte-identical');
    expect(replay.stdout).toContain('fifo-order');
    const shrink = await cli('shrink', trace, '--max-attempts', '25');
    expect(shrink.status).toBe(0);
    expect(shrink.stdout).toContain('(still ');
    const shrunkTrace = join(dir, 'fifo-gap.shrunk.jsonl');
    expect(existsSync(join(dir, 'fifo-gap.shrunk.json'))).toBe(true);
    const again = await cli('replay', shrunkTrace);
    expect(again.stdout).toContain('byte-identical');
    expect(again.status).toBe(0);
  });
});
