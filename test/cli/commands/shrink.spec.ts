// `vsynclab shrink` says which failure it kept: by default the original's
// (every kept candidate violates the property the trace violated first),
// with --any-failure any, and then what the shrunk run fails; the scenario
// file's description names the failure its run shows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../cli-harness.ts';

const PLUGIN = 'test/fixtures/flood-plugin.ts';
const LOSSY = 'test/fixtures/scenarios/flood-lossy.json';

async function failingTrace(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'vsynclab-shrink-kept-'));
  const run = await cliInProcess('run', '--plugin', PLUGIN, LOSSY, '--seeds', '1..2', '--workers', '1', '--out', out, '--reporter', 'json');
  return (JSON.parse(run.stdout) as { failures: { trace: string }[] }).failures[0]!.trace;
}

describe('vsynclab shrink: the failure kept', () => {
  it('a mutant\'s liveness failure: the real protocol passes every kept candidate, and the output says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-shrink-reference-'));
    const trace = join(dir, 'lr.jsonl');
    await cliInProcess('replay', '--scenario', 'scenarios/isis-leave-during-false-suspicion.json', '--seed', '15', '--mutant', 'leave-relies-on-lost-ack', '--trace-out', trace);
    const r = await cliInProcess('shrink', trace, '--max-attempts', '30', '--out', join(dir, 'small'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  kept:     the original\'s failure: every kept candidate violates view-convergence, and the real protocol passes it (--any-failure keeps any failure)');
  }, 120_000);

  it('by default: the original property, said on its own line and in the scenario description', async () => {
    const trace = await failingTrace();
    const out = join(mkdtempSync(join(tmpdir(), 'vsynclab-shrink-same-')), 'small');
    const r = await cliInProcess('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '40', '--out', out);
    expect(r.status).toBe(0);
    const property = /\(still (\S+?)(?: on seed \d+)?\) in \d+ attempts/.exec(r.stdout)?.[1];
    expect(property).toBeDefined();
    expect(r.stdout).toContain(`  kept:     the original's failure: every kept candidate violates ${property} (--any-failure keeps any failure)`);
    const written = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { description: string };
    expect(written.description).toContain(`; violates ${property}`);
  });

  it('--any-failure: says so, and names what the original and the shrunk run fail', async () => {
    const trace = await failingTrace();
    const out = join(mkdtempSync(join(tmpdir(), 'vsynclab-shrink-any-')), 'small');
    const r = await cliInProcess('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '40', '--any-failure', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}kept: {5}any failure \(--any-failure\): the original run (violates|fails:) \S+, the shrunk run (violates|fails:) \S+/m);
    expect(r.stdout).toMatch(/\((still|now) \S+/);
  });
});
