import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritableFile, openTraceFile, prepareOutDir } from '../../cli/output-paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-output-paths-'));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

describe('prepareOutDir', () => {
  it('creates a missing folder and accepts an existing one', () => {
    const fresh = join(dir, 'fresh', 'deeper');
    expect(prepareOutDir(fresh, '--out')).toBe(fresh);
    expect(existsSync(fresh)).toBe(true);
    expect(prepareOutDir(fresh, '--out')).toBe(fresh);
  });

  it('refuses a file, or a path through a file', () => {
    expect(() => prepareOutDir(aFile, '--out')).toThrow(`--out ${aFile}: expected a folder, but it is a file`);
    expect(() => prepareOutDir(join(aFile, 'x'), '--out')).toThrow(`--out ${join(aFile, 'x')}: expected a folder to write into, but cannot create it (a part of the path is a file, not a folder)`);
  });
});

describe('checkWritableFile and openTraceFile', () => {
  it('openTraceFile refuses to write over an input of the command (run s.json --trace-out s.json destroyed the scenario)', () => {
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, '{"name": "kept"}');
    expect(() => openTraceFile(join(dir, '.', 'scenario.json'), '--trace-out', [scenario])).toThrow(`--trace-out ${join(dir, 'scenario.json')}: expected a new file, but it is the input ${scenario}: writing the trace there would destroy it`);
    expect(readFileSync(scenario, 'utf8')).toBe('{"name": "kept"}');
  });

  it('refuse an empty name and a name longer than a file system takes (they failed only at the write: exit 3)', () => {
    expect(() => checkWritableFile('', '--report-file')).toThrow('--report-file: expected a file name to write, got ""');
    expect(() => checkWritableFile(join(dir, 'x'.repeat(256)), '--report-file')).toThrow(/^--report-file ".{80}…": expected a file name of at most 255 bytes \(the file system's limit\), got 256$/);
    expect(checkWritableFile(join(dir, 'x'.repeat(255)), '--report-file')).toBe(join(dir, 'x'.repeat(255)));
  });

  it('accept a new file in an existing folder', () => {
    expect(checkWritableFile(join(dir, 'new.json'), '--out')).toBe(join(dir, 'new.json'));
    const sink = openTraceFile(join(dir, 't.jsonl'), '--trace-out');
    sink.close();
    expect(existsSync(join(dir, 't.jsonl'))).toBe(true);
  });

  it('refuse a folder, or a file in a missing folder', () => {
    expect(() => checkWritableFile(dir, '--report-file')).toThrow(`--report-file ${dir}: expected a file to write, but it is a folder`);
    expect(() => checkWritableFile(join(dir, 'nope', 'r.xml'), '--report-file')).toThrow('cannot write there');
    expect(() => openTraceFile(join(dir, 'nope', 't.jsonl'), '--trace-out')).toThrow('cannot write the trace file (no such folder)');
  });
});
