// `vsynclab view` and `vsynclab export` as a user meets them: a real process,
// files in and out, exit statuses, and one-line messages for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeLine } from '../../traces/serialize.ts';
import { SHIVIZ_REGEX } from '../../traces/export/shiviz.ts';
import { sampleEvents, sampleHeader } from '../traces/export/fixtures.ts';

type Result = { status: number | null; stdout: string; stderr: string };
const cliWithInput = (input: string, ...args: string[]): Result => {
  const r = spawnSync(process.execPath, ['bin/vsynclab.js', ...args], { encoding: 'utf8', input, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cli = (...args: string[]): Result => cliWithInput('', ...args);

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-view-'));
const trace = join(dir, 'sample.jsonl');
writeFileSync(trace, [sampleHeader, ...sampleEvents].map(serializeLine).join('\n') + '\n');

describe('vsynclab view', () => {
  it('prints the timeline, one row per event, without colour when colour is off', () => {
    const r = cli('view', trace);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('trace protocol=isis-cbcast scenario=crash-during-flush seed=42');
    expect(r.stdout).toContain('view 1 [p1 p2 p3]');
    expect(r.stdout).toMatch(/══ partition \{p1\} \{p2\}/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('reads the trace from standard input with -', () => {
    const r = cliWithInput(readFileSync(trace, 'utf8'), 'view', '-', '--to', '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('events 0..3 of 25');
  });

  it('windows the timeline with --from and --to', () => {
    const r = cli('view', trace, '--from', '14', '--to', '20');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('events 14..20 of 25');
    expect(r.stdout).not.toMatch(/^\s+13 /m);
    expect(r.stdout).not.toMatch(/^\s+21 /m);
  });

  it('writes a self-contained HTML diagram with --html', () => {
    const out = join(dir, 'sample.html');
    const r = cli('view', trace, '--html', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*sample\.html: events 0\.\.24 of 25, /);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<script id="vsynclab-data" type="application/json">');
    expect(html).toContain('"scenario":"crash-during-flush"');
  });

  it('rejects a window outside the trace: exit 2 naming the option', () => {
    const from = cli('view', trace, '--from', '99');
    expect(from.status).toBe(2);
    expect(from.stderr).toContain('--from: expected a whole number from 0 to 24');
    const to = cli('view', trace, '--from', '5', '--to', '2');
    expect(to.status).toBe(2);
    expect(to.stderr).toContain('--to: expected a whole number from 5');
  });

  it('a missing or invalid trace: exit 2 naming the file (and the line), no stack trace', () => {
    const missing = cli('view', join(dir, 'nope.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${serializeLine(sampleHeader)}\n${serializeLine(sampleEvents[0]!)}\nnot json\n`);
    for (const r of [cli('view', bad), cli('view', bad, '--html', join(dir, 'bad.html')), cli('export', bad, '--shiviz', join(dir, 'bad.log'))]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bad\.jsonl:3\b/);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
  });
});

describe('vsynclab export', () => {
  it('writes a ShiViz log: regex line, blank line, then host+clock and description per event', () => {
    const out = join(dir, 'sample.log');
    const r = cli('export', trace, '--shiviz', out);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toBe(SHIVIZ_REGEX);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('p1 {"p1":1}');
    expect(lines).toHaveLength(2 + 2 * sampleEvents.length + 1);
  });

  it('writes to standard output with --shiviz=-', () => {
    const r = cli('export', trace, '--shiviz=-');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(SHIVIZ_REGEX);
  });

  it('needs --shiviz, and a writable place for it: exit 2', () => {
    const none = cli('export', trace);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--shiviz');
    const nowhere = cli('export', trace, '--shiviz', join(dir, 'no-such-dir', 'x.log'));
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('cannot write the output');
  });
});
