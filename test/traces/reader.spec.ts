import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTrace, readTraceBatches, readTraceFile } from '../../traces/reader.ts';
import { readLinesAt } from '../../traces/read-context.ts';
import { InputError } from '../../traces/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-reader-'));
const HEADER = '{"type":"header","format":"vsynclab-trace","version":1,"seed":"3"}';
const EVENTS = [
  '{"type":"start","i":0,"t":0,"node":"p1"}',
  '{"type":"view","i":1,"t":5,"node":"p1","view":{"id":1,"members":["p1"]}}',
  '{"type":"note","i":2,"t":5,"text":"unknown types pass"}',
  '{"type":"end","i":3,"t":9,"quiescent":true}',
];

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function errorOf(path: string): Promise<string> {
  try {
    await readTraceFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

const text = (lines: string[]): string => lines.join('\n') + '\n';

describe('readTraceFile', () => {
  it('reads the header and every event', async () => {
    const trace = await readTraceFile(file('good.jsonl', text([HEADER, ...EVENTS])));
    expect(trace.header).toEqual({ type: 'header', format: 'vsynclab-trace', version: 1, seed: '3' });
    expect(trace.events.map((event) => event.type)).toEqual(['start', 'view', 'note', 'end']);
  });

  it('reads .jsonl.gz by its name, including several gzip members, and a file without a final newline', async () => {
    const members = Buffer.concat([gzipSync(text([HEADER, EVENTS[0]!])), gzipSync(text(EVENTS.slice(1)))]);
    expect((await readTraceFile(file('good.jsonl.gz', members))).events).toHaveLength(4);
    expect((await readTraceFile(file('nonl.jsonl', [HEADER, ...EVENTS].join('\n')))).events).toHaveLength(4);
    expect((await readTraceFile(file('crlf.jsonl', [HEADER, ...EVENTS].join('\r\n')))).events).toHaveLength(4);
  });

  it('accepts a header-only trace and blank lines at the very end', async () => {
    expect((await readTraceFile(file('header-only.jsonl', HEADER + '\n'))).events).toEqual([]);
    expect((await readTraceFile(file('trailing.jsonl', text([HEADER, ...EVENTS]) + '\n  \n'))).events).toHaveLength(4);
  });
});

describe('readTrace and readTraceBatches', () => {
  it('stream the same events, header first', async () => {
    const path = file('stream.jsonl', text([HEADER, ...EVENTS]));
    const parts: string[] = [];
    for await (const part of readTrace(path)) parts.push('header' in part ? 'header' : part.event.type);
    expect(parts).toEqual(['header', 'start', 'view', 'note', 'end']);
    let batched = 0;
    for await (const part of readTraceBatches(path)) if ('events' in part) batched += part.events.length;
    expect(batched).toBe(4);
  });
});

describe('invalid input: FILE:LINE: what was expected', () => {
  it('a line that is not JSON', async () => {
    const path = file('notjson.jsonl', text([HEADER, EVENTS[0]!, '{"type":"view",', EVENTS[1]!]));
    expect(await errorOf(path)).toMatch(/notjson\.jsonl:3: not valid JSON \(.*\): "\{\\"type\\":\\"view\\","; expected one JSON object per line$/);
  });

  it('a missing required field, and a wrong type', async () => {
    const missing = file('missing.jsonl', text([HEADER, '{"type":"start","i":0,"t":0}']));
    expect(await errorOf(missing)).toBe(`${missing}:2: missing required field "node" (a string) in a start event`);
    const wrong = file('wrong.jsonl', text([HEADER, '{"type":"start","i":0,"t":"0","node":"p1"}']));
    expect(await errorOf(wrong)).toBe(`${wrong}:2: field "t" of a start event must be an integer (microseconds); found the string "0"`);
  });

  it('i out of sequence, and t going backwards', async () => {
    const skipped = file('skip.jsonl', text([HEADER, EVENTS[0]!, EVENTS[2]!]));
    expect(await errorOf(skipped)).toBe(`${skipped}:3: field "i" must be 1 (events are numbered from 0 by 1); found 2`);
    const back = file('back.jsonl', text([HEADER, '{"type":"heal","i":0,"t":7}', '{"type":"heal","i":1,"t":6}']));
    expect(await errorOf(back)).toBe(`${back}:3: field "t" must not go backwards: 6 is before the previous event's 7`);
  });

  it('no header, and an empty file', async () => {
    const headless = file('headless.jsonl', text(EVENTS));
    expect(await errorOf(headless)).toMatch(/headless\.jsonl:1: no header: line 1 must be /);
    const empty = file('empty.jsonl', '');
    expect(await errorOf(empty)).toBe(`${empty}: empty trace: expected the header on line 1`);
  });

  it('a blank line between events, and an event after the end', async () => {
    const blank = file('blank.jsonl', text([HEADER, EVENTS[0]!, '', EVENTS[1]!]));
    expect(await errorOf(blank)).toBe(`${blank}:3: blank line; expected one JSON object per line`);
    const after = file('after.jsonl', text([HEADER, '{"type":"end","i":0,"t":0,"quiescent":true}', '{"type":"heal","i":1,"t":0}']));
    expect(await errorOf(after)).toBe(`${after}:3: an event after the end event (line 2): the end event must be the last line`);
  });

  it('a missing file, a directory, and a .gz that is not gzip', async () => {
    const nowhere = join(dir, 'nowhere.jsonl');
    expect(await errorOf(nowhere)).toBe(`${nowhere}: cannot read: no such file`);
    expect(await errorOf(join(dir, 'nowhere.jsonl.gz'))).toBe(`${join(dir, 'nowhere.jsonl.gz')}: cannot read: no such file`);
    const folder = join(dir, 'folder');
    mkdirSync(folder, { recursive: true });
    expect(await errorOf(folder)).toBe(`${folder}: cannot read: it is a directory, expected a trace file`);
    const fake = file('fake.jsonl.gz', text([HEADER]));
    expect(await errorOf(fake)).toMatch(/fake\.jsonl\.gz: not a valid gzip file \(/);
  });

  it('a line too long to be a trace line', async () => {
    const long = file('long.jsonl', HEADER + '\n' + '{"x":"' + 'a'.repeat(17 * 1024 * 1024));
    expect(await errorOf(long)).toMatch(/long\.jsonl:2: line longer than 16777216 characters/);
  });
});

describe('readLinesAt', () => {
  it('re-reads only the lines asked for', async () => {
    const path = file('context.jsonl', text([HEADER, ...EVENTS]));
    const lines = await readLinesAt(path, [2, 4, 99]);
    expect([...lines.entries()]).toEqual([
      [2, EVENTS[0]],
      [4, EVENTS[2]],
    ]);
  });
});
