// The in-process harness sees what the spawned CLI sees.
import { describe, expect, it } from 'vitest';
import { cliInProcess, cliSpawned } from './cli-harness.ts';

describe('cli harness', () => {
  it('in-process and spawned runs agree on status and output for bad input', async () => {
    const inProcess = await cliInProcess('run', '--seeds', '9..1');
    const spawned = cliSpawned(['run', '--seeds', '9..1']);
    expect(inProcess.status).toBe(2);
    expect(spawned.status).toBe(2);
    expect(inProcess.stderr).toBe(spawned.stderr);
  });

  it('captures stdout and a zero status', async () => {
    const r = await cliInProcess('list');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('isis-member-crash');
  });
});
