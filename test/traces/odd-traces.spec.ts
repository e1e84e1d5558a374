// Odd but valid trace files, as another tool might write them, read by the
// trace reader and checked: fields in any order, CRLF or LF line ends, a
// final newline or not, gzip or not, ids of any shape (unicode, empty,
// prototype names, numeric message ids written as numbers, negative and
// huge view ids). The reader must accept every one and give back the same
// events, and the checkers must give the same verdicts as the reference.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { readTraceFile } from '../../traces/reader.ts';
import { expectSameVerdicts } from '../checkers/reference/differential.ts';
import { renamed } from '../checkers/reference/rename.ts';
import { chooser, generateTrace } from '../checkers/reference/trace-generator.ts';
import type { Choose } from '../checkers/reference/trace-generator.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-odd-'));
let fileCount = 0;

/** JSON text of `value` with every object's keys in a shuffled order; integer-looking message ids as numbers. */
function shuffledJson(value: unknown, choose: Choose, key = ''): string {
  if (key === 'msg' && typeof value === 'string' && /^(0|-?[1-9]\d{0,14})$/.test(value) && choose(2) === 0) return value;
  if (Array.isArray(value)) return `[${value.map((item) => shuffledJson(item, choose)).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const keys = Object.keys(value);
  for (let k = keys.length - 1; k > 0; k--) {
    const j = choose(k + 1);
    [keys[k], keys[j]] = [keys[j] as string, keys[k] as string];
  }
  const space = choose(4) === 0 ? ' ' : '';
  return `{${keys.map((name) => `${JSON.stringify(name)}:${space}${shuffledJson((value as Record<string, unknown>)[name], choose, name)}`).join(',')}}`;
}

const oddFile = fc
  .record({
    choices: fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 40 }),
    seed: fc.integer(),
    steps: fc.integer({ min: 0, max: 40 }),
    faultPercent: fc.constantFrom(0, 5, 25),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    gzip: fc.boolean(),
  })
  .map((spec) => {
    const choose = chooser(spec.choices, spec.seed);
    const events = renamed(generateTrace(choose, spec.steps, spec.faultPercent), choose);
    const header = { type: 'header', format: 'vsynclab-trace', version: 1, tool: 'another', '\u00fcber': [1, { a: null }] };
    const eol = spec.crlf ? '\r\n' : '\n';
    const text = [header, ...events].map((line) => shuffledJson(line, choose)).join(eol) + (spec.finalNewline ? eol : '');
    return { ...spec, events, text };
  });

describe('odd but valid trace files', () => {
  test.prop([oddFile], { numRuns: 150 })('are read back event for event and checked like the reference', async ({ events, text, gzip }) => {
    const path = join(dir, `t${fileCount++}.jsonl${gzip ? '.gz' : ''}`);
    writeFileSync(path, gzip ? gzipSync(text) : text);
    const read = await readTraceFile(path);
    expect(read.header['tool']).toBe('another');
    expect(read.events).toEqual(events);
    expectSameVerdicts(read.events as unknown as Record<string, unknown>[]);
  });
});
