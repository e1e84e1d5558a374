// `vsynclab view` and `vsynclab export` as a user meets them: files in and
// out, exit statuses, and one-line messages for bad input. In-process, except
// standard input, which needs a real process.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeLine } from '../../traces/serialize.ts';
import { SHIVIZ_REGEX } from '../../traces/export/shiviz.ts';
import { sampleEvents, sampleHeader } from '../traces/export/fixtures.ts';
import { netEvents, netHeader } from '../traces/export/net-fixtures.ts';
import { cliInProcess as cli, cliSpawned } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-view-'));
const trace = join(dir, 'sample.jsonl');
writeFileSync(trace, [sampleHeader, ...sampleEvents].map(serializeLine).join('\n') + '\n');

describe('vsynclab view', () => {
  it('prints the timeline, one row per event, without colour when colour is off', async () => {
    const r = await cli('view', trace);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('trace protocol=isis-cbcast scenario=crash-during-flush seed=42');
    expect(r.stdout).toContain('view 1 [p1 p2 p3]');
    expect(r.stdout).toMatch(/══ partition \{p1\} \{p2\}/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('reads the trace from standard input with -', async () => {
    const r = cliSpawned(['view', '-', '--to', '3'], readFileSync(trace, 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('events 0..3 of 25');
  });

  it('windows the timeline with --from and --to', async () => {
    const r = await cli('view', trace, '--from', '14', '--to', '20');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('events 14..20 of 25');
    expect(r.stdout).not.toMatch(/^\s+13 /m);
    expect(r.stdout).not.toMatch(/^\s+21 /m);
  });

  it('writes a self-contained HTML diagram with --html', async () => {
    const out = join(dir, 'sample.html');
    const r = await cli('view', trace, '--html', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*sample\.html: events 0\.\.24 of 25, /);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<script id="vsynclab-data" type="application/json">');
    expect(html).toContain('"scenario":"crash-during-flush"');
  });

  it('rejects a window outside the trace: exit 2 naming the option', async () => {
    const from = await cli('view', trace, '--from', '99');
    expect(from.status).toBe(2);
    expect(from.stderr).toContain('--from: expected a whole number from 0 to 24');
    const to = await cli('view', trace, '--from', '5', '--to', '2');
    expect(to.status).toBe(2);
    expect(to.stderr).toContain('--to: expected a whole number from 5');
  });

  it('a missing or invalid trace: exit 2 naming the file (and the line), no stack trace', async () => {
    const missing = await cli('view', join(dir, 'nope.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${serializeLine(sampleHeader)}\n${serializeLine(sampleEvents[0]!)}\nnot json\n`);
    for (const args of [['view', bad], ['view', bad, '--html', join(dir, 'bad.html')], ['export', bad, '--shiviz', join(dir, 'bad.log')]]) {
      const r = await (await cli(...args));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bad\.jsonl:3\b/);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
  });
});

describe('vsynclab export', () => {
  it('writes a ShiViz log: regex line, blank line, then host+clock and description per event', async () => {
    const out = join(dir, 'sample.log');
    const r = await cli('export', trace, '--shiviz', out);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toBe(SHIVIZ_REGEX);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('p1 {"p1":1}');
    expect(lines).toHaveLength(2 + 2 * sampleEvents.length + 1);
  });

  it('writes to standard output with --shiviz=-', async () => {
    const r = await cli('export', trace, '--shiviz=-');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(SHIVIZ_REGEX);
  });

  it('needs --shiviz, and a writable place for it: exit 2', async () => {
    const none = await cli('export', trace);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--shiviz');
    const nowhere = await cli('export', trace, '--shiviz', join(dir, 'no-such-dir', 'x.log'));
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('--shiviz');
    expect(nowhere.stderr).toContain('cannot write there (');
  });
});

describe('vsynclab view and export: filters and network events', () => {
  const netTrace = join(dir, 'net.jsonl');
  writeFileSync(netTrace, [netHeader, ...netEvents].map(serializeLine).join('\n') + '\n');
  const rowIndices = (stdout: string): number[] =>
    stdout.split('\n').flatMap((line) => {
      const m = /^\s*(\d+)\s+\d+ /.exec(line);
      return m ? [Number(m[1])] : [];
    });

  it('shows network rows and the violations grouped by cause', async () => {
    const r = await cli('view', netTrace);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('drop mc p1:1 ← p1: loss');
    expect(r.stdout).toContain('[1] p3 never received p1:1: 3 violations');
    expect(rowIndices(r.stdout)).toHaveLength(netEvents.length);
  });

  it('--node, --msg and --violation keep the rows of that story', async () => {
    const p3 = await cli('view', netTrace, '--node', 'p3');
    expect(p3.status).toBe(0);
    expect(rowIndices(p3.stdout)).toEqual([2, 5, 12, 20, 21, 22, 24, 34, 35, 36, 37, 38, 39]);
    const flush = await cli('view', netTrace, '--msg', 'flush,fok');
    expect(rowIndices(flush.stdout).filter((i) => ['send', 'recv'].includes(netEvents[i]!.type))).toEqual([26, 27, 28, 29]);
    const first = await cli('view', netTrace, '--violation', '1');
    expect(first.stdout).toContain('filtered: violation fifo-order, virtual-synchrony, delivery-liveness');
    expect(rowIndices(first.stdout)).toContain(12);
    expect(rowIndices(first.stdout)).not.toContain(26);
    const byName = await cli('view', netTrace, '--violation', 'view-agreement', '--node', 'p1', '--node', 'p3');
    expect(byName.stdout).toMatch(/^\s+i\s+t\(us\)\s+p1\s+p3$/m);
  });

  it('filters the HTML page and the ShiViz log the same way', async () => {
    const out = join(dir, 'net.html');
    const r = await cli('view', netTrace, '--html', out, '--node', 'p3');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"filter":"process p3"');
    const log = await cli('export', netTrace, '--shiviz=-', '--violation', '1');
    expect(log.status).toBe(0);
    expect(log.stdout).toContain('⚠ fifo-order');
    expect(log.stdout).not.toContain('flush');
  });

  it('export counts the events it wrote, not the events it read (--violation 1 once said all of them)', async () => {
    const out = join(dir, 'story.log');
    const r = await cli('export', netTrace, '--shiviz', out, '--violation', '1');
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const written = (lines.length - 2) / 2;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(netEvents.length);
    expect(r.stderr).toBe(`wrote ${out}: ${written} of ${netEvents.length} events\n`);
    const whole = await cli('export', netTrace, '--shiviz', out);
    expect(whole.stderr).toBe(`wrote ${out}: ${netEvents.length} events\n`);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(2 + 2 * netEvents.length);
  });

  it('rejects a filter that names nothing in the trace: exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--node', 'p9'], /^--node: expected a process of the trace \(p1, p2, p3\), got "p9"\n$/],
      [['--msg', 'nothing'], /^--msg: expected a message id, frame key or frame kind of the trace, got "nothing"\n$/],
      [['--violation', '9'], /^--violation: expected a number from 1 to 5 \(as listed\) or a violated property \(fifo-order, view-agreement, virtual-synchrony, view-convergence, delivery-liveness\), got "9"\n$/],
      [['--violation', '1', '--no-check'], /^--violation: the checkers found no violation/],
    ];
    for (const [args, message] of cases) {
      for (const command of [['view', netTrace], ['export', netTrace, '--shiviz=-']]) {
        const r = await cli(...command, ...args);
        expect(r.status).toBe(2);
        expect(r.stderr.replace(/^vsynclab: /, '')).toMatch(message);
      }
    }
  });

  it('embeds the replayed process states in the page of a full-detail run (the event panel), unless --no-states', async () => {
    const full = join(dir, 'full.jsonl');
    const ran = await cli('run', 'scenarios/isis-member-crash.json', '--seed', '1', '--trace-out', full, '--detail', 'full');
    expect(ran.status).toBe(0);
    const withStates = join(dir, 'full.html');
    const r = await cli('view', full, '--html', withStates, '--from', '0', '--to', '400');
    expect(r.status).toBe(0);
    const page = readFileSync(withStates, 'utf8');
    expect(page).toMatch(/"steps":\[\{"i":\d+,"node":"p1"/);
    expect(page).toContain('"gms"');
    const without = join(dir, 'full-no-states.html');
    expect((await cli('view', full, '--html', without, '--from', '0', '--to', '400', '--no-states')).status).toBe(0);
    expect(readFileSync(without, 'utf8')).not.toContain('"gms"');
  });
});
