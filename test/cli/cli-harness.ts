// Two ways to drive the command line in tests. `cliInProcess` calls runCli
// in this process and captures what it writes: use it for nearly every CLI
// test (spawning a process costs about a second each). `cliSpawned` runs the
// real bin in a child process: keep it for the few end-to-end tests that
// need a real process (signals, stdin, exit codes set by the process).
import { spawnSync } from 'node:child_process';
import { runCli } from '../../cli/main.ts';

export interface CliOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vsynclab ...args` in-process; one call at a time (it captures the process's streams). */
export async function cliInProcess(...args: string[]): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture = (sink: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  const colour = process.env['FORCE_COLOR'];
  process.env['FORCE_COLOR'] = '0';
  try {
    const status = await runCli(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    if (colour === undefined) delete process.env['FORCE_COLOR'];
    else process.env['FORCE_COLOR'] = colour;
  }
}

/** Runs the real `bin/vsynclab.js` in a child process. */
export function cliSpawned(args: readonly string[], input?: string | Buffer): CliOutcome {
  const r = spawnSync(process.execPath, ['bin/vsynclab.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    ...(input !== undefined ? { input } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
