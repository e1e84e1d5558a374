import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkedTraceText, decodeTraceBytes, firstInvalidUtf8, readLineBatches, traceTextLines } from '../../traces/read-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-read-lines-'));

async function readAll(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of readLineBatches(path)) lines.push(...batch.lines);
  return lines;
}

describe('firstInvalidUtf8', () => {
  it.each([
    ['plain ASCII', [0x61, 0x62], -1],
    ['two, three and four byte characters', [...Buffer.from('é€😀')], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a Latin-1 é', [0x61, 0x62, 0xe9, 0x20], 2],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut off at the end', [0x61, 0xe2, 0x82], 1],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('non-UTF-8 traces are refused, naming the line', () => {
  const bytes = Buffer.concat([Buffer.from('line one\nline two\nline '), Buffer.from([0xff]), Buffer.from('three\n')]);

  it('when streamed, plain and gzip', async () => {
    const plain = join(dir, 'bad.jsonl');
    writeFileSync(plain, bytes);
    await expect(readAll(plain)).rejects.toThrow(`${plain}:3: bytes that are not UTF-8`);
    const gz = join(dir, 'bad.jsonl.gz');
    writeFileSync(gz, gzipSync(bytes));
    await expect(readAll(gz)).rejects.toThrow(`${gz}:3: bytes that are not UTF-8`);
  });

  it('when a sequence is cut off by the end of the file', async () => {
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, Buffer.concat([Buffer.from('a\nb'), Buffer.from([0xe2, 0x82])]));
    await expect(readAll(cut)).rejects.toThrow(`${cut}:2: bytes that are not UTF-8`);
  });

  it('when held in memory (replay, shrink)', () => {
    expect(() => decodeTraceBytes(bytes, 't.jsonl')).toThrow('t.jsonl:3: bytes that are not UTF-8');
    expect(decodeTraceBytes(Buffer.from('é\n'), 't.jsonl')).toBe('é\n');
  });

  it('valid UTF-8 split across read chunks still reads', async () => {
    const big = join(dir, 'big.jsonl');
    const line = '€'.repeat(100_000); // 300 kB a line: sequences straddle 1 MB chunk edges
    writeFileSync(big, `${line}\n${line}\n${line}\n${line}\n`);
    expect(await readAll(big)).toEqual([line, line, line, line]);
  });
});

describe('checkedTraceText', () => {
  it('names the line nested too deep', () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    expect(() => checkedTraceText(Buffer.from(`{}\n{}\n${deep}\n`), 't.jsonl')).toThrow('t.jsonl:3: JSON nested deeper than 256 levels');
    expect(checkedTraceText(Buffer.from('{}\n'), 't.jsonl')).toBe('{}\n');
  });
});

describe('traceTextLines (replay, inspect and shrink read a whole trace as the streaming reader does)', () => {
  const lines = ['{"a":1}', '{"b":2}'];
  it.each([
    ['LF, a final newline', '{"a":1}\n{"b":2}\n'],
    ['no final newline', '{"a":1}\n{"b":2}'],
    ['CRLF', '{"a":1}\r\n{"b":2}\r\n'],
    ['a byte-order mark', '\ufeff{"a":1}\n{"b":2}\n'],
    ['blank lines at the end', '{"a":1}\n{"b":2}\n\n \r\n\t\n'],
  ])('%s: the same lines', (_what, text) => {
    expect(traceTextLines(text)).toEqual(lines);
  });

  it('keeps a blank line inside (for the reader to refuse) and a BOM anywhere but the start', () => {
    expect(traceTextLines('{"a":1}\n\n{"b":2}\n')).toEqual(['{"a":1}', '', '{"b":2}']);
    expect(traceTextLines('{"a":1}\n\ufeff{"b":2}')).toEqual(['{"a":1}', '\ufeff{"b":2}']);
  });
});
