// `vsynclab check` on the edges of the trace contract: odd but valid files
// are checked (never refused), and every kind of invalid input exits 2 with
// "vsynclab: FILE:LINE: what is wrong", naming the field, never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-check-edges-'));
const HEADER = '{"type":"header","format":"vsynclab-trace","version":1}';
let count = 0;
function file(text: string): string {
  const path = join(dir, `t${count++}.jsonl`);
  writeFileSync(path, text);
  return path;
}

describe('vsynclab check: odd but valid traces', () => {
  it.each([
    ['a header alone, with a newline', `${HEADER}\n`],
    ['a header alone, no newline', HEADER],
    ['a header with a BOM, CRLF line ends', `\ufeff${HEADER}\r\n{"type":"heal","i":0,"t":0}\r\n`],
    ['a header whose type is not "header" (only format and version are required)', '{"format":"vsynclab-trace","version":1,"type":"meta"}\n'],
    ['fields in any order, unknown types and fields', `{"version":1,"format":"vsynclab-trace"}\n{"t":0,"node":"p","i":0,"type":"start","x":[1]}\n{"i":1,"type":"gossip","t":0}\n`],
    ['negative times, an empty process id, a numeric message id', `${HEADER}\n{"type":"start","i":0,"t":-9,"node":""}\n{"type":"view","i":1,"t":-9,"node":"","view":{"id":-3,"members":[""]}}\n{"type":"bcast","i":2,"t":-8,"node":"","msg":17,"order":"total","view":-3}\n{"type":"deliver","i":3,"t":-8,"node":"","msg":"17","from":"","view":-3}\n`],
    ['huge view ids and unicode hosts', `${HEADER}\n{"type":"start","i":0,"t":0,"node":"主机🦀"}\n{"type":"view","i":1,"t":0,"node":"主机🦀","view":{"id":9007199254740991,"members":["主机🦀"]}}\n`],
  ])('%s: exit 0', async (_name, text) => {
    const r = await cliInProcess('check', file(text), '--json');
    expect(r.stderr).not.toMatch(/^vsynclab: .*:\d+: /m);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });

  it('a numeric message id and its decimal text are one message', async () => {
    const text = `${HEADER}\n{"type":"start","i":0,"t":0,"node":"p"}\n{"type":"view","i":1,"t":0,"node":"p","view":{"id":1,"members":["p"]}}\n{"type":"bcast","i":2,"t":0,"node":"p","msg":5,"order":"fifo","view":1}\n{"type":"bcast","i":3,"t":0,"node":"p","msg":"5","order":"fifo","view":1}\n`;
    const r = await cliInProcess('check', file(text), '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).violations.map((v: { property: string }) => v.property)).toEqual(['no-duplication']);
  });
});

describe('vsynclab check: invalid input exits 2 naming the file, line and field', () => {
  it.each([
    ['an empty file', '', ': empty trace: expected the header on line 1'],
    ['no header', '{"type":"start","i":0,"t":0,"node":"p"}\n', ':1: no header'],
    ['a header without version', '{"type":"header","format":"vsynclab-trace"}\n', ':1: header field "version"'],
    ['a line that is not JSON', `${HEADER}\n{"type":\n`, ':2: not valid JSON'],
    ['a blank line between events', `${HEADER}\n{"type":"heal","i":0,"t":0}\n\n{"type":"heal","i":1,"t":0}\n`, ':3: blank line'],
    ['a missing i', `${HEADER}\n{"type":"heal","t":0}\n`, ':2: missing required field "i"'],
    ['a missing t', `${HEADER}\n{"type":"heal","i":0}\n`, ':2: missing required field "t"'],
    ['a t that is not an integer', `${HEADER}\n{"type":"heal","i":0,"t":0.5}\n`, ':2: field "t"'],
    ['i out of sequence', `${HEADER}\n{"type":"heal","i":0,"t":0}\n{"type":"heal","i":2,"t":0}\n`, ':3: field "i" must be 1'],
    ['t going backwards', `${HEADER}\n{"type":"heal","i":0,"t":3}\n{"type":"heal","i":1,"t":2}\n`, ':3: field "t" must not go backwards'],
    ['a process id that is a number', `${HEADER}\n{"type":"crash","i":0,"t":0,"node":3}\n`, ':2: field "node" of a crash event must be a string'],
    ['a view without members', `${HEADER}\n{"type":"view","i":0,"t":0,"node":"p","view":{"id":1}}\n`, ':2: missing required field "view.members"'],
    ['a view id beyond 2^53', `${HEADER}\n{"type":"view","i":0,"t":0,"node":"p","view":{"id":18446744073709551615,"members":["p"]}}\n`, ':2: field "view.id" of a view event must be an integer between'],
    ['a bcast with an unknown order', `${HEADER}\n{"type":"bcast","i":0,"t":0,"node":"p","msg":"m","order":"agreed","view":1}\n`, ':2: field "order"'],
    ['a bcast with an object for msg', `${HEADER}\n{"type":"bcast","i":0,"t":0,"node":"p","msg":{"n":1},"order":"fifo","view":1}\n`, ':2: field "msg"'],
    ['a deliver without from', `${HEADER}\n{"type":"deliver","i":0,"t":0,"node":"p","msg":"m","view":1}\n`, ':2: missing required field "from"'],
    ['an exit without reason', `${HEADER}\n{"type":"exit","i":0,"t":0,"node":"p"}\n`, ':2: missing required field "reason"'],
    ['a partition whose groups are not lists', `${HEADER}\n{"type":"partition","i":0,"t":0,"groups":["p"]}\n`, ':2: field "groups[0]" of a partition event must be an array of process ids'],
    ['an end without quiescent', `${HEADER}\n{"type":"end","i":0,"t":0}\n`, ':2: missing required field "quiescent"'],
    ['an event after the end', `${HEADER}\n{"type":"end","i":0,"t":0,"quiescent":true}\n{"type":"heal","i":1,"t":0}\n`, ':3: an event after the end event'],
    ['an event that is not an object', `${HEADER}\n"start"\n`, ':2: expected an event object'],
  ])('%s', async (_name, text, expected) => {
    const path = file(text);
    const r = await cliInProcess('check', path, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`vsynclab: ${path}${expected}`), r.stderr).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('vsynclab check --progress', () => {
  const trace = `${HEADER}\n{"type":"start","i":0,"t":0,"node":"p1"}\n{"type":"view","i":1,"t":0,"node":"p1","view":{"id":1,"members":["p1"]}}\n`;
  it('shows the events read on standard error, and the report stays on standard output', async () => {
    const path = file(trace);
    const r = await cliInProcess('check', path, '--json', '--progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`check ${path}: 2 events read`);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });
  it('shows nothing without it when standard error is not a terminal', async () => {
    const r = await cliInProcess('check', file(trace), '--json');
    expect(r.stderr).not.toContain('events read');
  });
});

// Fixtures of the session 11 audit (notes/k-bench.md): numbers beyond 2^53,
// which a JSON reader rounds to a double, are read exactly from the line.
describe('vsynclab check: numbers beyond 2^53 (test/fixtures/contract/)', () => {
  const fixture = (name: string): string => join(import.meta.dirname, '..', '..', 'fixtures', 'contract', name);

  it('times beyond 2^53 that never decrease are valid (epoch nanoseconds, say): exit 0', async () => {
    const r = await cliInProcess('check', fixture('time-beyond-2-53.jsonl'), '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });

  it.each([
    ['time-beyond-2-53-backwards.jsonl', ':3: field "t" must not go backwards: 1733212345123456700 is before the previous event\'s 1733212345123456789'],
    ['time-beyond-2-53-fraction.jsonl', ':2: field "t" of a start event must be an integer (microseconds); found 1733212345123456789.5'],
    ['view-member-not-a-string.jsonl', ':3: field "view.members[1]" of a view event must be a process id (a string); found number 2'],
  ])('%s: exit 2 naming the line and field', async (name, expected) => {
    const path = fixture(name);
    const r = await cliInProcess('check', path, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vsynclab: ${path}${expected}\n`);
  });

  it('64-bit message ids written as numbers stay distinct (a double rounds both to 12345678901234567000)', async () => {
    const r = await cliInProcess('check', fixture('message-ids-64-bit.jsonl'), '--json');
    expect(r.status, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).violations).toEqual([]);
  });
});
