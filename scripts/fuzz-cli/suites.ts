// fuzz-cli section: suite folders and paths given to run, list, mutants and hunt (scripts/fuzz-cli.ts says what is flagged).
import { symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ESC, ROOT, dir, folder, freshPath, text, write, type Case, type Expect } from './shared.ts';

export function suiteCases(): Case[] {
  const cases: Case[] = [];
  const good = write('good.json', text('fuzz-good'));
  const commands = (path: string[]): [string, string[]][] => [
    ['run', ['run', ...path, '--workers', '1']],
    ['list', ['list', ...path]],
    ['mutants', ['mutants', ...path, '--only', 'fifo-gap', '--workers', '1', '--seed', '1']],
    ['hunt', ['hunt', ...path, '--runs', '1', '--shrink-attempts', '0', '--out', freshPath('hunt')]],
  ];
  const add = (what: string, paths: string[], expect: Expect, mentions?: string[], only?: string[]): void => {
    for (const [name, argv] of commands(paths)) {
      if (only !== undefined && !only.includes(name)) continue;
      cases.push({ section: 'suites', what: `${name}: ${what}`, argv, expect, ...(mentions ? { mentions } : {}) });
    }
  };
  const empty = folder('empty');
  add('an empty folder', [empty], 'refuse', [empty]);
  const nonJson = folder('non-json', { 'README.md': '# a suite', 'a.txt': 'hello', 'b.yaml': 'name: x' });
  add('a folder of non-JSON files', [nonJson], 'refuse', [nonJson]);
  const mixed = folder('mixed', { 'a.json': text('fuzz-mixed-a'), 'b.JSON': text('fuzz-mixed-b'), 'c.json.bak': text('fuzz-mixed-c') });
  add('a folder with a .JSON and a .json.bak beside a .json', [mixed], 'either');
  const nested = folder('nested', { 'sub/a.json': text('fuzz-nested-a') });
  add('a folder whose only scenario is in a subfolder', [nested], 'refuse', [nested]);
  const nestedAndTop = folder('nested-top', { 'a.json': text('fuzz-nt-a'), 'sub/b.json': text('fuzz-nt-b') });
  add('a folder with a scenario and a subfolder of one', [nestedAndTop], 'either');
  const withRegressions = folder('with-regressions', { 'a.json': text('fuzz-wr-a'), 'regressions/b.json': text('fuzz-wr-b') });
  add('a folder with regressions/', [withRegressions], 'accept');
  add('a file and its folder', [withRegressions, join(withRegressions, 'a.json')], 'refuse', ['a.json']);
  add('a file twice', [good, good], 'refuse', [basename(good)]);
  const dupA = folder('dup', { 'a.json': text('fuzz-dup'), 'b.json': text('fuzz-dup') });
  add('one name in two files', [dupA], 'refuse', ['fuzz-dup']);
  const loopDir = folder('loop');
  writeFileSync(join(loopDir, 'a.json'), text('fuzz-loop-a'));
  symlinkSync(join(loopDir, 'self.json'), join(loopDir, 'self.json'));
  add('a symlink loop named *.json in a folder', [loopDir], 'refuse', ['self.json']);
  add('a symlink loop given as the path', [join(loopDir, 'self.json')], 'refuse', ['self.json']);
  const dirLoop = folder('dir-loop', { 'a.json': text('fuzz-dl-a') });
  symlinkSync(dirLoop, join(dirLoop, 'regressions'));
  add('regressions/ a symlink to its own folder', [dirLoop], 'refuse', ['fuzz-dl-a']);
  const dangling = folder('dangling', { 'a.json': text('fuzz-dangling-a') });
  symlinkSync(join(dir, 'nowhere.json'), join(dangling, 'gone.json'));
  add('a dangling symlink named *.json in a folder', [dangling], 'refuse', ['gone.json']);
  const jsonDir = folder('json-dir', { 'a.json': text('fuzz-jd-a'), 'x.json/inner.txt': 'a folder named x.json' });
  add('a folder named x.json in a suite', [jsonDir], 'refuse', ['x.json']);
  add('a path that does not exist', [join(dir, 'no-such.json')], 'refuse', ['no-such.json']);
  add('an empty path', [''], 'refuse');
  add('/dev/null', ['/dev/null'], 'refuse', ['/dev/null']);
  add('a trace file given as a scenario', [write('t.jsonl', '{"format":"vsynclab-trace","version":1}\n')], 'refuse', ['t.jsonl']);
  add('a BOM', [write('bom.json', `\ufeff${text('fuzz-bom')}`)], 'accept');
  add('CRLF line ends', [write('crlf.json', text('fuzz-crlf').replace(/\n/g, '\r\n'))], 'accept');
  add('UTF-16', [write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('fuzz-u16'), 'utf16le')]))], 'refuse', ['utf16.json']);
  add('30 MB of spaces then a scenario', [write('huge-space.json', `${' '.repeat(30_000_000)}${text('fuzz-huge-space')}`)], 'either', undefined, ['run', 'list']);
  add('a 30 MB description', [write('huge-desc.json', text('fuzz-huge-desc', { description: 'd'.repeat(30_000_000) }))], 'either', undefined, ['run', 'list']);
  add('a 30 MB file of one unclosed string', [write('huge-string.json', `{"name": "${'x'.repeat(30_000_000)}`)], 'refuse', ['huge-string.json'], ['run', 'list']);
  const escName = folder('esc-name', { [`a${ESC}.json`]: text('fuzz-esc-a'), 'b.json': '{' });
  add('a file named with escape sequences, beside a broken file', [escName], 'refuse', ['b.json']);
  add('a path with escape sequences that does not exist', [join(dir, `x${ESC}.json`)], 'refuse');
  add('a scenario named with escape sequences', [write('esc-field.json', text(`fuzz${ESC}`))], 'refuse', ['name']);
  add('a scenario file with a NUL in its name', [join(dir, 'a\u0000b.json')], 'refuse');
  const fifo = join(dir, 'fifo.json');
  spawnSync('mkfifo', [fifo]);
  // A FIFO named on the command line is read as any file (`run <(generate)`): with a writer, it runs.
  cases.push({ section: 'suites', what: 'run: a process substitution <(cat FILE)', argv: [], bash: `node ${join(ROOT, 'bin/vsynclab.js')} run <(cat ${good}) --workers 1`, expect: 'accept', spawnMs: 60_000 });
  const fifoDir = folder('fifo-dir', { 'a.json': text('fuzz-fd-a') });
  spawnSync('mkfifo', [join(fifoDir, 'b.json')]);
  cases.push({ section: 'suites', what: 'list: a FIFO named *.json in a folder', argv: ['list', fifoDir], expect: 'refuse', mentions: ['b.json'], spawnMs: 20_000 });
  cases.push({ section: 'suites', what: 'run: /dev/zero', argv: ['run', '/dev/zero', '--workers', '1'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'replay --scenario: /dev/zero', argv: ['replay', '--scenario', '/dev/zero', '--seed', '1'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'explore: /dev/zero', argv: ['explore', '/dev/zero'], expect: 'refuse', mentions: ['/dev/zero'], spawnMs: 60_000 });
  const huge = join(dir, 'sparse-huge.json');
  spawnSync('truncate', ['-s', '3G', huge]);
  cases.push({ section: 'suites', what: 'run: a 3 GB file', argv: ['run', huge, '--workers', '1'], expect: 'refuse', mentions: ['sparse-huge.json'], spawnMs: 60_000 });
  cases.push({ section: 'suites', what: 'explore: a folder', argv: ['explore', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'replay --scenario: a folder', argv: ['replay', '--scenario', empty, '--seed', '1'], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'replay --scenario: /dev/null', argv: ['replay', '--scenario', '/dev/null', '--seed', '1'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'check: a folder', argv: ['check', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'check: /dev/null', argv: ['check', '/dev/null'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'check: a scenario file', argv: ['check', good], expect: 'refuse', mentions: [good] });
  cases.push({ section: 'suites', what: 'view: a folder', argv: ['view', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'merge-reports: a folder', argv: ['merge-reports', empty], expect: 'refuse', mentions: [empty] });
  cases.push({ section: 'suites', what: 'merge-reports: /dev/null', argv: ['merge-reports', '/dev/null'], expect: 'refuse', mentions: ['/dev/null'] });
  cases.push({ section: 'suites', what: 'merge-reports: a scenario file', argv: ['merge-reports', good], expect: 'refuse', mentions: [good] });
  return cases;
}
