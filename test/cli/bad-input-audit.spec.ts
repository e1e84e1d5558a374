// Issue 10 re-checked as a sceptical newcomer (session 7): what the audit and
// scripts/fuzz-scenarios.ts found still taken silently, still an internal
// error, or still naming the wrong thing. Each case exits 2 with one line
// naming the file or option and what was expected. In-process.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './cli-harness.ts';
import { badInputKit, expectOneLine } from './bad-input-kit.ts';

const { dir, scenario, write } = badInputKit('audit');

describe('scenario fields the loader took silently', () => {
  it('an order weight of null is not a missing weight (0)', async () => {
    const file = write(JSON.stringify(scenario({ workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: null } } })));
    expectOneLine(await cliInProcess('run', file, '--seed', '1'), `${file}: workload.orders.causal: expected a number from 0 to 1000000000, got null`);
  });

  it('a weight so large that two of them sum to Infinity', async () => {
    const file = write(JSON.stringify(scenario({ workload: { multicastsPerSecond: 100, orders: { fifo: 1e308, total: 1 } } })));
    expectOneLine(await cliInProcess('run', file, '--seed', '1'), `${file}: workload.orders.fifo: expected a number from 0 to 1000000000`);
  });

  it('a field given twice in one object (JSON.parse keeps the last)', async () => {
    const text = JSON.stringify(scenario(), null, 2).replace('"durationUs": 50000', '"durationUs": 50000,\n  "durationUs": 1');
    const file = write(text);
    const line = text.split('\n').findIndex((l) => l.includes('"durationUs": 1')) + 1;
    expectOneLine(await cliInProcess('run', file, '--seed', '1'), `${file}:${line}: durationUs: expected each field once in an object, but it is given twice`);
  });

  it('a duplicate field deep inside names its path', async () => {
    const text = JSON.stringify(scenario({ faults: { schedule: [{ type: 'crash', host: 'p2', atUs: 1000 }] } })).replace('"atUs":1000', '"atUs":1000,"atUs":2000');
    const file = write(text);
    expectOneLine(await cliInProcess('run', file, '--seed', '1'), `${file}:1: faults.schedule[0].atUs: expected each field once`);
  });

  it('equal keys in different objects, and a key text inside a string value, are fine', async () => {
    const file = write(JSON.stringify(scenario({ description: '"name": "x", "name": "y"', faults: { schedule: [{ type: 'crash', host: 'p2', atUs: 1000 }, { type: 'crash', host: 'p3', atUs: 2000 }] } })));
    const r = await cliInProcess('list', file);
    expect(r.status, r.stderr).toBe(0);
  });

  it('a seed listed twice in a scenario', async () => {
    const file = write(JSON.stringify(scenario({ seeds: [1, 2, 1] })));
    expectOneLine(await cliInProcess('list', file), `${file}: seeds[2]: expected each seed once (1 is listed before), got 1`);
  });

  it('control characters in an onNote text, as in an at.note', async () => {
    const file = write(JSON.stringify(scenario({ faults: { schedule: [{ type: 'crash', host: 'p2', onNote: { host: 'p1', text: 'flush\u001b[2J' } }] } })));
    const r = await cliInProcess('list', file);
    expectOneLine(r, `${file}: faults.schedule[0].onNote.text: expected text without control characters`);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('explore.senders naming a process the scenario does not have', async () => {
    const file = write(JSON.stringify(scenario({ processes: 3, explore: { senders: ['p1', 'p9'] } })));
    expectOneLine(await cliInProcess('list', file), `${file}: explore.senders: p9 is not one of the 3 initial processes`);
  });
});

describe('flags that would change nothing, refused', () => {
  let file = '';
  let trace = '';
  beforeAll(async () => {
    file = write(JSON.stringify(scenario()));
    trace = join(dir, 'valid.jsonl');
    const r = await cliInProcess('run', file, '--seed', '1', '--trace-out', trace);
    expect(r.status, r.stderr).toBe(0);
  });

  it.each([
    [['--keep-seed'], '--keep-seed: only with --shrink'],
    [['--progress'], '--progress: only with --trace-out or --shrink'],
    [['--coverage-out', 'cov'], '--coverage-out: only with --coverage'],
    [['--detail', 'net'], '--detail: only with --trace-out or --coverage'],
    [['--seed', '1', '--trace-out', 't.jsonl', '--out', 'o'], '--out: not with --trace-out'],
    [['--seed', '1', '--trace-out', 't.jsonl', '--shard', '1/2'], '--shard: not with --trace-out'],
    [['--seed', '1', '--trace-out', 't.jsonl', '--shrink'], '--shrink: not with --trace-out'],
    [['--seed', '1', '--trace-out', 't.jsonl', '--reporter', 'json'], '--reporter: not with --trace-out'],
    [['--seed', '1', '--trace-out', 't.jsonl', '--report-file', 'r.json'], '--report-file: not with --trace-out'],
    [['--seeds', '1,2,1'], '--seeds: expected each seed once, got 1 twice in "1,2,1"'],
  ])('run %j', async (flags, message) => {
    expectOneLine(await cliInProcess('run', file, ...flags), message);
  });

  it.each([
    [['--seed', '3'], '--seed: applies to --scenario runs'],
    [['--mutant', 'fifo-gap'], '--mutant: applies to --scenario runs'],
    [['--trace-out', 'again.jsonl'], '--trace-out: applies to --scenario runs'],
  ])('replay TRACE %j', async (flags, message) => {
    expectOneLine(await cliInProcess('replay', trace, ...flags), message);
  });

  it('replay --scenario --seed " 1" runs seed 1, as its header and messages say', async () => {
    const spaced = join(dir, 'spaced.jsonl');
    const plain = join(dir, 'plain.jsonl');
    const a = await cliInProcess('replay', '--scenario', file, '--seed', ' 1', '--trace-out', spaced);
    const b = await cliInProcess('replay', '--scenario', file, '--seed', '1', '--trace-out', plain);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(a.stdout).toContain('seed 1;');
    expect(readFileSync(spaced, 'utf8')).toBe(readFileSync(plain, 'utf8'));
  });

  it.each([
    [['--other-events'], '--other-events: only with --html'],
    [['--no-states'], '--no-states: only with --html'],
    [['--plugin', 'x.ts'], '--plugin: only with --html'],
  ])('view %j', async (flags, message) => {
    expectOneLine(await cliInProcess('view', trace, ...flags), message);
  });

  it('view --html and export --shiviz: an empty name or a folder, before any work', async () => {
    expectOneLine(await cliInProcess('export', trace, '--shiviz='), '--shiviz: expected a file name to write, got ""');
    expectOneLine(await cliInProcess('view', trace, '--html', dir), `--html ${dir}: expected a file to write, but it is a folder`);
  });

  it('list: two lists, or a list and paths', async () => {
    expectOneLine(await cliInProcess('list', '--mutants', '--protocols'), '--mutants and --protocols: give one or the other');
    expectOneLine(await cliInProcess('list', file, '--protocols'), '--protocols: lists no scenarios');
  });

  it('a numeric flag of 1e999 is named with its text, not as null or Infinity', async () => {
    expectOneLine(await cliInProcess('run', file, '--workers', '1e999'), '--workers: expected a finite number, got "1e999"');
  });

  it('inspect of a trace cut mid-line is bad input naming the line, not a divergence', async () => {
    const text = readFileSync(trace, 'utf8');
    const lines = text.trimEnd().split('\n');
    const cut = write(`${lines.slice(0, 20).join('\n')}\n${lines[20]!.slice(0, 15)}`, '.jsonl');
    const r = await cliInProcess('inspect', cut, '--at', '3');
    expectOneLine(r, `${cut}:21:`);
    expect(r.stdout).not.toContain('DIVERGED');
  });
});

describe('plugins that are not plugins', () => {
  const plugin = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('a folder, or an empty name', async () => {
    const folder = join(dir, 'plugin-folder');
    mkdirSync(folder, { recursive: true });
    expectOneLine(await cliInProcess('list', '--protocols', '--plugin', folder), `--plugin ${folder}: expected a module file, but it is a folder`);
    expectOneLine(await cliInProcess('list', '--protocols', '--plugin='), '--plugin: expected a module file, got ""');
  });

  it('a module that throws something other than an Error at load, named by its path', async () => {
    const file = plugin('throws-string.mjs', 'throw "boom";\n');
    expectOneLine(await cliInProcess('list', '--protocols', '--plugin', file), `--plugin ${file}: the module failed to load: boom`);
  });

  describe('a factory that throws or returns something other than a protocol', () => {
    const registering = plugin('malformed.mjs', [
      "const registry = globalThis[Symbol.for('vsynclab.protocol-registry')];",
      "registry.set('audit-null', () => null);",
      "registry.set('audit-empty', () => ({ name: 'audit-empty' }));",
      "registry.set('audit-bad-hook', () => ({ name: 'x', init() {}, onMessage() {}, onTimer() {}, onRequest() {}, isQuiet: true }));",
      "registry.set('audit-throws', () => { throw new Error('factory exploded'); });",
      "registry.set('audit-throws-string', () => { throw 'factory string'; });",
      '',
    ].join('\n'));
    it.each([
      ['audit-null', 'returned null, not an object'],
      ['audit-empty', 'returned an object without the handler `init`'],
      ['audit-bad-hook', 'returned an object whose `isQuiet` is not a function'],
      ['audit-throws', 'threw: "factory exploded"'],
      ['audit-throws-string', 'threw: "factory string"'],
    ])('%s', async (name, message) => {
      const file = write(JSON.stringify(scenario({ protocol: { name } })));
      expectOneLine(await cliInProcess('run', file, '--seed', '1', '--plugin', registering), `${file}: protocol.name:`, message);
    });
  });
});

describe('explore: options that would change nothing or be lost after the search', () => {
  const small = 'test/sim/explore/fixtures/scenarios/cbcast-3x1.json';
  it.each([
    [['--budget='], '--budget: expected kind=count items, for example crash=1,restart=1, got ""'],
    [['--budget', 'crash=1,crash=2'], '--budget crash=2: the crash budget is already given (--budget crash=1); give each kind once'],
    [['--crashes', '1', '--budget', 'crash=2'], '--budget crash=2: the crash budget is already given (--crashes); give each kind once'],
    [['--compare'], '--compare: only with --por, --sleep-sets or --symmetry'],
    [['--coverage-out', 'cov'], '--coverage-out: only with --coverage'],
    [['--out', ''], '--out: expected a file name for the counterexample, got ""'],
  ])('%j', async (flags, message) => {
    expectOneLine(await cliInProcess('explore', small, ...flags), message);
  });

  it('an --out that is a folder is refused before the search, not after it found a counterexample', async () => {
    expectOneLine(await cliInProcess('explore', small, '--out', dir), `--out ${dir}: expected a file to write, but it is a folder`);
  });
});

describe('a scenario file named with control characters', () => {
  it('list never prints them raw (printed commands: test/cli/shell-quote.spec.ts)', async () => {
    const suite = join(dir, 'ctl-suite');
    mkdirSync(suite, { recursive: true });
    const name = 'a\u001b[31mred.json';
    writeFileSync(join(suite, name), JSON.stringify(scenario({ name: 'ctl' })));
    const list = await cliInProcess('list', suite);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('a\\u001b[31mred.json');
    expect(list.stdout).not.toContain('\u001b');
  });
});

describe('--workers past what a machine can start', () => {
  it.each([['run', 'scenarios/isis-member-crash.json'], ['explore', 'test/sim/explore/fixtures/scenarios/cbcast-3x1.json']])('%s --workers 100000', async (command, file) => {
    expectOneLine(await cliInProcess(command, file, '--workers', '100000'), '--workers: expected a whole number from 1 to', 'got 100000');
  });
});
