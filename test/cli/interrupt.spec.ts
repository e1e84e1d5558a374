// Ctrl-C and SIGTERM: the long commands stop cleanly, print what finished,
// keep the traces of the failures already known, say they were interrupted
// and exit 130 / 143. In-process through the token, and twice with a real
// signal to a real process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitStatusOf, interruption } from '../../cli/interrupt.ts';
import { cliInProcess, type CliOutcome } from './cli-harness.ts';

const PLUGIN = 'test/fixtures/flood-plugin.ts';
const LOSSY = 'test/fixtures/scenarios/flood-lossy.json';

afterEach(() => {
  // A test that asked for a stop and failed before a command disarmed it must not leak the request.
  while (interruption.armed) interruption.disarm();
  interruption.arm();
  interruption.disarm();
});

describe('interruption in-process (the token)', () => {
  it('exit statuses are 128 + the signal number', () => {
    expect(exitStatusOf('SIGINT')).toBe(130);
    expect(exitStatusOf('SIGTERM')).toBe(143);
  });

  it('signal listeners exist only while a command is armed (else Ctrl-C keeps its default action)', () => {
    interruption.enableSignalHandlers();
    const before = process.listenerCount('SIGINT');
    interruption.arm();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(0);
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      process.emit('SIGINT', 'SIGINT');
    } finally {
      process.stderr.write = write;
    }
    expect(interruption.signal).toBe('SIGINT');
    interruption.disarm();
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(interruption.requested()).toBe(false);
  });

  it('run: stops after the first failing run, prints it, keeps its trace, exits 130', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-interrupt-'));
    // The command gives the event loop a turn between and inside runs: the timer fires mid-suite.
    const watch = setInterval(() => {
      if (existsSync(out) && readdirSync(out).length > 0) interruption.request('SIGINT');
    }, 5);
    let r: CliOutcome;
    try {
      r = await cliInProcess('run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..300', '--workers', '1', '--out', out);
    } finally {
      clearInterval(watch);
    }
    expect(r.status).toBe(130);
    const finished = /^(\d+) runs of 1 scenarios: (\d+) passed, (\d+) failed/m.exec(r.stdout);
    expect(finished).not.toBeNull();
    expect(Number(finished![1])).toBeLessThan(300);
    expect(Number(finished![3])).toBeGreaterThan(0);
    expect(r.stderr).toMatch(new RegExp(`interrupted by SIGINT: ${finished![1]} of 300 runs finished, ${finished![3]} failed; ${finished![3]} failing-run traces in`));
    const replay = /^ {5}replay: (.*)$/m.exec(r.stdout)?.[1];
    expect(replay).toMatch(/^npx vsynclab replay --plugin test\/fixtures\/flood-plugin.ts .*\.jsonl$/);
    const traces = readdirSync(out);
    expect(traces.length).toBe(Number(finished![3]));
    const again = await cliInProcess('replay', '--plugin', PLUGIN, join(out, traces[0]!));
    expect(again.stdout).toContain('byte-identical');
    // The token is disarmed after the command: the next command runs in full.
    expect(interruption.requested()).toBe(false);
  });

  it('run --reporter json: the report of the finished runs says it was interrupted', async () => {
    interruption.request('SIGTERM');
    const r = await cliInProcess('run', '--plugin', PLUGIN, LOSSY, '--workers', '1', '--reporter', 'json');
    expect(r.status).toBe(143);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 0, failed: 0, interrupted: 'SIGTERM' });
    expect(r.stderr).toContain('interrupted by SIGTERM: 0 of 6 runs finished');
  });

  it('shrink: stops at once, still writes the (unshrunk) failing scenario, exits 130', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-interrupt-shrink-'));
    const run = await cliInProcess('run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..2', '--workers', '1', '--out', out, '--reporter', 'json');
    const trace = (JSON.parse(run.stdout) as { failures: { trace: string }[] }).failures[0]!.trace;
    interruption.request('SIGINT');
    const r = await cliInProcess('shrink', trace, '--plugin', PLUGIN, '--out', join(out, 'small'));
    expect(r.status).toBe(130);
    expect(r.stdout).toContain('in 0 attempts (interrupted: not minimal)');
    expect(existsSync(join(out, 'small.json'))).toBe(true);
    expect(r.stderr).toContain('interrupted by SIGINT: the shrink stopped early');
  });

  it('replay --scenario: a stopped run says how far it got and how to run it in full', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-interrupt-replay-'));
    interruption.request('SIGINT');
    const r = await cliInProcess('replay', '--scenario', 'scenarios/isis-steady-load.json', '--seed', '1', '--trace-out', join(out, 't.jsonl'));
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/interrupted by SIGINT: the run stopped at \d+\.\d{3} s simulated; run it in full: npx vsynclab replay --scenario scenarios\/isis-steady-load.json --seed 1 --trace-out \S+t\.jsonl/);
    expect(r.stdout).toBe('');
  });

  it('replay TRACE: a stopped replay says how far it compared, and is not reported DIFFERENT', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-interrupt-replay-trace-'));
    const trace = join(out, 't.jsonl');
    expect((await cliInProcess('run', 'scenarios/isis-steady-load.json', '--seed', '1', '--trace-out', trace)).status).toBe(0);
    interruption.request('SIGINT');
    const r = await cliInProcess('replay', trace);
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/interrupted by SIGINT: the replay stopped at \d+\.\d{3} s simulated; identical up to line \d+/);
    expect(r.stdout).toBe('');
  });

  it('mutants: reports the hunts that finished, exits 130', async () => {
    interruption.request('SIGINT');
    const r = await cliInProcess('mutants', 'scenarios/isis-cascading-crashes.json', '--only', 'fifo-gap', '--seeds', '1', '--workers', '1');
    expect(r.status).toBe(130);
    expect(r.stdout).toContain('0 of 0 mutants caught (1 not hunted: interrupted)');
    expect(r.stderr).toContain('interrupted by SIGINT: 0 of 1 mutants hunted');
  });
});

describe('progress where a user waits', () => {
  it('shrink --progress: the attempts on standard error', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-progress-'));
    const run = await cliInProcess('run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..2', '--workers', '1', '--out', out, '--reporter', 'json');
    const trace = (JSON.parse(run.stdout) as { failures: { trace: string }[] }).failures[0]!.trace;
    const r = await cliInProcess('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '5', '--progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/shrink flood-lossy seed \d+: (checking that the run fails|attempt \d+ of at most 5)/);
    const quiet = await cliInProcess('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '5');
    expect(quiet.stderr).toBe('');
  });

  it('mutants --progress: which mutant and how many runs', async () => {
    const r = await cliInProcess('mutants', 'scenarios/isis-cascading-crashes.json', '--only', 'fifo-gap', '--seeds', '1', '--workers', '1', '--progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/mutant 1 of 1 \(fifo-gap\): 1 of at most 1 runs/);
  });

  it('replay TRACE --progress: the simulated time of the replay, and the same verdict', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-progress-replay-'));
    const trace = join(out, 't.jsonl');
    expect((await cliInProcess('run', 'scenarios/isis-steady-load.json', '--seed', '1', '--trace-out', trace)).status).toBe(0);
    const r = await cliInProcess('replay', trace, '--progress');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('byte-identical');
    expect(r.stderr).toMatch(/replaying .*t\.jsonl: \d+\.\d\d s simulated/);
  });

  it('run --trace-out --progress: the simulated time of a long run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-progress-run-'));
    const r = await cliInProcess('run', 'scenarios/isis-steady-load.json', '--seed', '1', '--trace-out', join(out, 't.jsonl'), '--progress');
    expect(r.stderr).toMatch(/isis-steady-load: \d+\.\d\d s of at most \d+\.\d\d s simulated/);
  });
});

/** Starts the real CLI, sends `signal` once `ready` matches its output, and resolves at its exit. */
function signalled(args: readonly string[], ready: RegExp, signal: NodeJS.Signals): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/vsynclab.js', ...args], { env: { ...process.env, FORCE_COLOR: '0', CI: 'true' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = (): void => {
      if (!sent && ready.test(stdout + stderr)) {
        sent = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('interruption by a real signal (spawned)', () => {
  it('SIGINT during a suite on one thread: summary, replay commands, traces, exit 130', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-sigint-'));
    const r = await signalled(['run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..2000', '--workers', '1', '--out', out], /FAIL flood-lossy/, 'SIGINT');
    expect(r.status).toBe(130);
    expect(r.stdout).toMatch(/replay: npx vsynclab replay --plugin \S+ \S+\.jsonl/);
    const finished = /^(\d+) runs of 1 scenarios: \d+ passed, (\d+) failed/m.exec(r.stdout);
    expect(Number(finished?.[1])).toBeLessThan(2000);
    expect(readdirSync(out).length).toBe(Number(finished?.[2]));
    expect(r.stderr).toContain('interrupted by SIGINT');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('SIGTERM during a suite on worker threads: exit 143', async () => {
    const r = await signalled(['run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..600', '--workers', '2', '--reporter', 'json'], /runs, \d+ failed/, 'SIGTERM');
    expect(r.status).toBe(143);
    const report = JSON.parse(r.stdout) as { runs: number; interrupted: string };
    expect(report.interrupted).toBe('SIGTERM');
    expect(report.runs).toBeLessThan(600);
  });
});
