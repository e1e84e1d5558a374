// `view` and `inspect` on a long trace show how far they are (issue 10,
// "progress everywhere a user waits"), as `check --progress` does: with
// --progress (or on a terminal), standard error names each step; the output
// itself is unchanged. In-process.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess as cli } from '../cli-harness.ts';

let dir: string;
let trace: string;
let events: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vsynclab-trace-progress-'));
  trace = join(dir, 'full.jsonl');
  const r = await cli('replay', '--scenario', 'scenarios/isis-member-crash.json', '--seed', '1', '--trace-out', trace, '--detail', 'full');
  expect(r.status, r.stderr).toBe(0);
  events = readFileSync(trace, 'utf8').trimEnd().split('\n').length - 1;
});

describe('vsynclab view --progress', () => {
  it('--html names each step on standard error: reading, checking, replaying for the states, writing', async () => {
    const out = join(dir, 'page.html');
    const r = await cli('view', trace, '--html', out, '--progress');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^view ${trace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ events read$`));
    expect(lines).toContain(`view ${trace}: checking ${events} events`);
    expect(lines).toContain(`view ${trace}: replaying the run, event 1 of ${events}`);
    expect(lines).toContain(`view ${trace}: writing the page`);
    expect(lines.at(-1)).toBe(`wrote ${out}: events 0..${events - 1} of ${events}, no violations`);
  });

  it('the terminal timeline: the same steps on standard error, the timeline alone on standard output', async () => {
    const quiet = await cli('view', trace, '--to', '5');
    const shown = await cli('view', trace, '--to', '5', '--progress');
    expect(shown.stdout).toBe(quiet.stdout);
    expect(quiet.stderr).toBe('');
    expect(shown.stderr).toContain(`view ${trace}: checking ${events} events`);
  });

  it('shows nothing without it when standard error is not a terminal', async () => {
    const r = await cli('view', trace, '--html', join(dir, 'quiet.html'));
    expect(r.stderr).not.toContain('events read');
    expect(r.stderr).not.toContain('replaying');
  });
});

describe('vsynclab inspect --progress', () => {
  it('shows the replay\'s progress on standard error; standard output is unchanged', async () => {
    const quiet = await cli('inspect', trace, '--at', '5', '--json');
    const shown = await cli('inspect', trace, '--at', '5', '--json', '--progress');
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toBe(quiet.stdout);
    expect(quiet.stderr).toBe('');
    expect(shown.stderr.split('\n')[0]).toBe(`inspect ${trace}: replaying the run, event 1 of ${events}`);
  });

  it('bad input with --progress is still one line, after the status is done', async () => {
    const r = await cli('inspect', join(dir, 'missing.jsonl'), '--at', '1', '--progress');
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing.jsonl');
  });
});
