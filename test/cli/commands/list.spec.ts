// `vsynclab list`: names and descriptions come from plugins and scenario
// files; their control characters never reach the terminal raw (issue 10).
import { describe, expect, it } from 'vitest';
import { registerProtocol } from '../../../protocol/registry.ts';
import { cliInProcess } from '../cli-harness.ts';

describe('list --protocols', () => {
  it('escapes a protocol name with control characters (registered in-process, past the plugin checks)', async () => {
    registerProtocol('test-list\u001b[2J', () => {
      throw new Error('never built');
    });
    const r = await cliInProcess('list', '--protocols');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('test-list\\u001b[2J\n');
    expect(r.stdout).not.toContain('\u001b');
  });
});
