// Ctrl-C and SIGTERM for `vsynclab explore`: the search stops within
// milliseconds, the usual report shows the states explored so far, standard
// error says it was interrupted, and the exit status is 130 / 143.
// In-process through the token, and once with a real SIGINT to a real process.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { interruption } from '../../cli/interrupt.ts';
import { cliInProcess, type CliOutcome } from './cli-harness.ts';

const SMALL = 'scenarios/explore/cbcast-3x2.json';
/** Large enough (with --por) that it runs for minutes: only a stop ends it in a test. */
const LARGE = 'scenarios/explore/cbcast-3x3.json';

afterEach(() => {
  // A test that failed before the command disarmed the token must not leak its request.
  while (interruption.armed) interruption.disarm();
  interruption.arm();
  interruption.disarm();
});

/** The states and depth of the text report's counts line. */
function countsOf(stdout: string): { states: number; depth: number } {
  const m = /^ {2}states (\d+), transitions \d+, max depth (\d+),/m.exec(stdout);
  expect(m).not.toBeNull();
  return { states: Number(m![1]), depth: Number(m![2]) };
}

describe('explore interrupted in-process (the token)', () => {
  it('a stop requested before the search: the states explored so far, "interrupted by SIGINT", exit 130', async () => {
    interruption.request('SIGINT');
    const r = await cliInProcess('explore', SMALL, '--por');
    expect(r.status).toBe(130);
    expect(r.stdout).toContain('UNKNOWN: bound hit: interrupted (nothing found in the states explored)');
    const { states, depth } = countsOf(r.stdout);
    expect(states).toBeGreaterThan(0);
    expect(r.stderr).toContain(`vsynclab: interrupted by SIGINT: ${states} states explored to depth ${depth}, nothing found in them; the space was not exhausted`);
    // The token is disarmed after the command: the same exploration then runs in full.
    expect(interruption.requested()).toBe(false);
  });

  it('a stop requested by a timer mid-search is seen (the search yields to the event loop)', async () => {
    const started = performance.now();
    // Once the command is armed (the search is starting), 200 ms more; a search that never yields never lets this run.
    let armedAt = Infinity;
    const watch = setInterval(() => {
      if (interruption.armed && armedAt === Infinity) armedAt = performance.now();
      if (performance.now() - armedAt >= 200) interruption.request('SIGINT');
    }, 5);
    let r: CliOutcome;
    try {
      r = await cliInProcess('explore', LARGE, '--por');
    } finally {
      clearInterval(watch);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(r.status).toBe(130);
    const { states } = countsOf(r.stdout);
    // Stopped after the timer fired, not at once and not at the end.
    expect(states).toBeGreaterThan(16);
    expect(seconds).toBeLessThan(20);
    expect(r.stderr).toContain(`interrupted by SIGINT: ${states} states explored`);
  });

  it('--json: the object says "interrupted": "SIGTERM", with the counts so far; exit 143', async () => {
    interruption.request('SIGTERM');
    const r = await cliInProcess('explore', SMALL, '--por', '--json');
    expect(r.status).toBe(143);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ result: 'unknown', bound: 'interrupted', interrupted: 'SIGTERM' });
    expect(report['states']).toBeGreaterThan(0);
    expect(r.stderr).toContain(`interrupted by SIGTERM: ${String(report['states'])} states explored to depth ${String(report['depth'])}`);
  });

  it('--compare: the search without reductions does not start after a stop, and the line says so', async () => {
    interruption.request('SIGINT');
    const r = await cliInProcess('explore', SMALL, '--por', '--compare');
    expect(r.status).toBe(130);
    expect(r.stdout).not.toContain('without reductions');
    expect(r.stderr).toContain('the --compare search without reductions did not run');
  });

  it('not interrupted: the JSON has no "interrupted" field and the exit status is the verdict\'s', async () => {
    const r = await cliInProcess('explore', 'test/sim/explore/fixtures/scenarios/cbcast-3x1.json', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('interrupted');
    expect(r.stderr).toBe('');
  });
});

describe('explore interrupted by a real signal (spawned)', () => {
  it('SIGINT after the first progress line (or 20 s): the report of the states explored, exit 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-explore-sigint-'));
    const r = await new Promise<CliOutcome>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/vsynclab.js', 'explore', LARGE, '--por', '--out', join(dir, 'cx.jsonl')], {
        env: { ...process.env, FORCE_COLOR: '0', CI: 'true' },
      });
      let stdout = '';
      let stderr = '';
      let sent = false;
      const send = (): void => {
        if (sent) return;
        sent = true;
        child.kill('SIGINT');
      };
      // The first progress line (3 s into the search) proves the signal
      // handlers are installed; a fixed short timer raced the CLI's start-up
      // on a loaded machine (the child died of the signal, status null).
      const timer = setTimeout(send, 20_000);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/^progress /m.test(stderr)) send();
      });
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
    expect(r.status).toBe(130);
    expect(r.stdout).toContain('UNKNOWN: bound hit: interrupted');
    const { states, depth } = countsOf(r.stdout);
    expect(states).toBeGreaterThan(0);
    expect(r.stderr).toContain(`vsynclab: interrupted by SIGINT: ${states} states explored to depth ${depth}`);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
