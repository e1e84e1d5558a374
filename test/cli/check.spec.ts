// `vsynclab check` as a user meets it: exit statuses, the JSON shape, the
// report, and messages for bad input. In-process, except standard input,
// which needs a real process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cliInProcess, cliSpawned, type CliOutcome } from './cli-harness.ts';

const cli = (args: string[]): Promise<CliOutcome> => cliInProcess('check', ...args);

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-check-'));
const HEADER = '{"type":"header","format":"vsynclab-trace","version":1,"protocol":"hand","seed":"9"}';
const GROUP = [
  '{"type":"start","i":0,"t":0,"node":"p1"}',
  '{"type":"start","i":1,"t":0,"node":"p2"}',
  '{"type":"view","i":2,"t":1,"node":"p1","view":{"id":1,"members":["p1","p2"]}}',
  '{"type":"view","i":3,"t":1,"node":"p2","view":{"id":1,"members":["p1","p2"]}}',
  '{"type":"bcast","i":4,"t":2,"node":"p1","msg":"m1","order":"fifo","view":1}',
  '{"type":"bcast","i":5,"t":2,"node":"p1","msg":"m2","order":"fifo","view":1}',
];
const IN_ORDER = [
  '{"type":"deliver","i":6,"t":3,"node":"p2","msg":"m1","from":"p1","view":1}',
  '{"type":"deliver","i":7,"t":3,"node":"p2","msg":"m2","from":"p1","view":1}',
];
const SWAPPED = [
  '{"type":"deliver","i":6,"t":3,"node":"p2","msg":"m2","from":"p1","view":1}',
  '{"type":"deliver","i":7,"t":3,"node":"p2","msg":"m1","from":"p1","view":1}',
];
const SELF = [
  '{"type":"deliver","i":8,"t":4,"node":"p1","msg":"m1","from":"p1","view":1}',
  '{"type":"deliver","i":9,"t":4,"node":"p1","msg":"m2","from":"p1","view":1}',
];
const END = '{"type":"end","i":10,"t":5,"quiescent":true}';
const lines = (...parts: string[][]): string => parts.flat().join('\n') + '\n';

const good = join(dir, 'good.jsonl');
writeFileSync(good, lines([HEADER], GROUP, IN_ORDER, SELF, [END]));
const bad = join(dir, 'bad.jsonl');
writeFileSync(bad, lines([HEADER], GROUP, SWAPPED, SELF, [END]));
const cut = join(dir, 'cut.jsonl.gz');
writeFileSync(cut, gzipSync(lines([HEADER], GROUP, IN_ORDER)));
const invalid = join(dir, 'invalid.jsonl');
writeFileSync(invalid, lines([HEADER], GROUP.slice(0, 3), ['{"type":"view","i":3,"t":0,"node":"p2","view":{"id":1,"members":["p1","p2"]}}']));

describe('vsynclab check', () => {
  it('exit 0 and a report of held properties for a good trace', async () => {
    const r = await cli([good]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${good}  protocol hand, seed 9, 11 events`);
    expect(r.stdout).toMatch(/^ {2}held {5}total-order$/m);
    expect(r.stdout).toContain(`${good}: OK: no violation (15 of 15 properties checked)`);
  });

  it('exit 1 and each violation with the trace lines around it', async () => {
    const r = await cli([bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/VIOLATED fifo-order +1 violation/);
    expect(r.stdout).toContain('fifo-order: p2 delivers m2 (fifo) from p1 without having delivered m1 (fifo), which p1 multicast before it in view 1.');
    expect(r.stdout).toContain(`    > 6 | ${GROUP[4]}`);
    expect(r.stdout).toContain(`    > 8 | ${SWAPPED[0]}`);
    expect(r.stdout).toContain(`      9 | ${SWAPPED[1]}`);
    expect(r.stdout).toContain('FAILED: 1 violation of 1 property');
  });

  it('--json prints the contract object; several files give one line each, in order, and the highest status', async () => {
    const one = await cli([bad, '--json']);
    expect(one.status).toBe(1);
    const parsed = JSON.parse(one.stdout);
    expect(Object.keys(parsed)).toEqual(['ok', 'violations', 'checked', 'skipped', 'unknown', 'notPromised']);
    expect(parsed.ok).toBe(false);
    expect(parsed.violations).toEqual([
      {
        property: 'fifo-order',
        message: 'p2 delivers m2 (fifo) from p1 without having delivered m1 (fifo), which p1 multicast before it in view 1.',
        events: [4, 5, 6],
      },
    ]);
    const many = await cli(['--json', good, cut, invalid, bad]);
    expect(many.status).toBe(2);
    const objects = many.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(objects.map((o) => [o.file, o.ok])).toEqual([[good, true], [cut, true], [invalid, false], [bad, false]]);
    expect(objects[1].skipped).toEqual(['view-convergence', 'delivery-liveness']);
    expect(objects[2].error).toBe(`${invalid}:5: field "t" must not go backwards: 0 is before the previous event's 1`);
    expect(many.stderr).toContain(`vsynclab: ${cut}: warning: no end event: liveness skipped`);
  });

  it('reads - from standard input, plain or gzip', async () => {
    const plain = cliSpawned(['check', '-', '--json'], lines([HEADER], GROUP, SWAPPED, SELF, [END]));
    expect(plain.status).toBe(1);
    expect(JSON.parse(plain.stdout).violations[0].property).toBe('fifo-order');
    const zipped = cliSpawned(['check', '-'], gzipSync(lines([HEADER], GROUP, SWAPPED, SELF, [END])));
    expect(zipped.status).toBe(1);
    expect(zipped.stdout).toContain('<stdin>: FAILED');
    expect(zipped.stdout).toContain(`    > 8 | ${SWAPPED[0]}`);
  });

  it('reports a cut-off trace: safety checked, liveness skipped with the reason', async () => {
    const r = await cli([cut]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/skipped +view-convergence +no end event \(the run was cut off\)/);
    expect(r.stdout).toContain('warning: no end event: liveness skipped');
  });

  it('exit 2 on invalid input: the file, the line and what was expected; no stack trace, nothing checked', async () => {
    const r = await cli([invalid]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`vsynclab: ${invalid}:5: field "t" must not go backwards: 0 is before the previous event's 1\n`);
    const missing = await cli([join(dir, 'missing.jsonl'), '--json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing.jsonl: cannot read: no such file');
    expect(missing.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const option = await cli([good, '--max-violations', '0']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('--max-violations: expected a whole number >= 1');
  });

  it('--properties checks only the properties named; the others are not promised', async () => {
    const fifoOff = await cliInProcess('check', bad, '--json', '--properties', 'causal-order,total-order');
    expect(fifoOff.status).toBe(0);
    const parsed = JSON.parse(fifoOff.stdout);
    expect(parsed.checked).toEqual(['causal-order', 'total-order']);
    expect(parsed.notPromised).toHaveLength(13);
    const text = await cliInProcess('check', bad, '--properties', 'fifo-order');
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^ {2}not promised self-inclusion$/m);
    const unknown = await cliInProcess('check', good, '--properties', 'fifo,causal-order');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--properties: unknown property id "fifo"');
  });

  it("a vsynclab run's header properties is the trace's profile; another tool's field of that name is ignored with a warning", async () => {
    const promised = join(dir, 'promised.jsonl');
    const header = HEADER.replace('}', ',"scenarioSpec":{"name":"hand"},"properties":["lifecycle","causal-order"]}');
    writeFileSync(promised, lines([header], GROUP, SWAPPED, SELF, [END]));
    const result = await cliInProcess('check', promised, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).checked).toEqual(['lifecycle', 'causal-order']);
    // The same list in a header vsynclab did not write: the contract's "every property".
    const other = join(dir, 'other-tool.jsonl');
    writeFileSync(other, lines([HEADER.replace('}', ',"properties":["lifecycle","causal-order"]}')], GROUP, SWAPPED, SELF, [END]));
    const everything = await cliInProcess('check', other, '--json');
    expect(everything.status).toBe(1);
    expect(JSON.parse(everything.stdout).notPromised).toEqual([]);
    expect(everything.stderr).toContain('warning: header field properties is in a header vsynclab did not write');
    const overridden = await cliInProcess('check', promised, '--json', '--properties', 'fifo-order');
    expect(overridden.status).toBe(1);
    const malformed = join(dir, 'malformed.jsonl');
    writeFileSync(malformed, lines([HEADER.replace('}', ',"scenarioSpec":{"name":"hand"},"properties":["fifo"]}')], GROUP, [END.replace('"i":10', '"i":6')]));
    // Judged (exit 0 or 1 by its verdict), not refused (2), and on every property.
    const foreign = await cliInProcess('check', malformed, '--json');
    const foreignReport = JSON.parse(foreign.stdout) as { ok: boolean; checked: string[] };
    expect(foreign.status).toBe(foreignReport.ok ? 0 : 1);
    expect(foreignReport.checked.length + (JSON.parse(foreign.stdout) as { skipped: string[] }).skipped.length).toBe(15);
    expect(foreign.stderr).toContain('warning: header field properties names "fifo", not a property id');
    const object = join(dir, 'object.jsonl');
    writeFileSync(object, lines([HEADER.replace('}', ',"scenarioSpec":{"name":"hand"},"properties":{"env":"prod"}}')], GROUP, [END.replace('"i":10', '"i":6')]));
    const free = await cliInProcess('check', object, '--json');
    expect(free.status).not.toBe(2);
    expect(JSON.parse(free.stdout).notPromised).toEqual([]);
    expect(free.stderr).toContain('warning: header field properties is {"env":"prod"}, not an array of property ids');
  });
});
