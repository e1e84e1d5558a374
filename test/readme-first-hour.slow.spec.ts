// README's "Your first hour" quotes what its commands print (the shrunk
// run's sizes, the events where view 3 disagrees, the line count of a
// byte-identical replay). Those move when the shrinker, the protocol or the
// trace change; this spec runs the failing part of the walk-through in a
// temporary folder and fails when a quoted fact no longer holds, so the
// README is corrected with the change. Slow (a shrink of some 400 runs):
// `npm run test:slow`.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from './cli/cli-harness.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const FIRST_HOUR = README.slice(README.indexOf('### Your first hour'), README.indexOf('### Install and build'));

describe("README's first hour, as printed", () => {
  it('the mutant fails, replays, shrinks to what the README says, and inspect --at names view 3 at p1', async () => {
    expect(FIRST_HOUR.length, 'README lost the section').toBeGreaterThan(1000);
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-first-hour-'));
    const trace = join(out, 'regression-joiner-removed-before-view-seed6.jsonl');
    const shrunk = join(out, 'regression-joiner-removed-before-view-seed6.shrunk.jsonl');

    const run = await cliInProcess('run', 'scenarios/regressions/joiner-removed-before-view.json', '--seed', '6', '--mutant', 'ballot-collision', '--out', out, '--workers', '1');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/violated: view-agreement, view-convergence, delivery-liveness/);

    const replay = await cliInProcess('replay', trace);
    expect(replay.status).toBe(0);
    const lines = /byte-identical: (\d+) lines/.exec(replay.stdout)?.[1];
    expect(FIRST_HOUR).toContain(`byte-identical:\n   ${lines} lines`);

    const shrink = await cliInProcess('shrink', trace);
    expect(shrink.status).toBe(0);
    expect(shrink.stdout).toMatch(/before +5\+2 +202 /);
    expect(shrink.stdout).toMatch(/after +3 +0 /);
    expect(FIRST_HOUR).toContain('(5 processes and 2 joiners, 202 multicasts, to 3 processes and none');

    const view = await cliInProcess('view', shrunk, '--violation', '1');
    expect(view.stdout).toMatch(/view-agreement: p1 installs view 3 as \{p1, p2, p3#2\} but p2 installed it as \{p1, p2\}\. \(events 1889, 1892\)/);
    expect(FIRST_HOUR).toContain('at events 1889 and 1892');

    const inspect = await cliInProcess('inspect', shrunk, '--at', '1892', '--node', 'p1', '--diff');
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toMatch(/^after event 1892, .*"type":"view".*"node":"p1".*"id":3/);
  }, 300_000);
});
