// Issue 10, "nothing taken silently": every kind of bad input exits 2 with
// ONE line that names the file and the field or line and what was expected,
// and never a stack trace or a raw control character. In-process (fast):
// every case fails before a single run starts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/types.ts';
import { cliInProcess, type CliOutcome } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'vsynclab-bad-input-'));

/** A small valid ISIS scenario (nothing here runs: each case is refused first). */
function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Scenario = {
    name: 'bad-input',
    description: 'a scenario to break',
    processes: 3,
    protocol: { name: 'isis' },
    network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 } },
    durationUs: 1_000_000,
    settleUs: 1_000_000,
    seeds: [1],
  };
  return { ...base, ...overrides };
}

let fileCount = 0;
function writeScenario(value: unknown, name = `s${++fileCount}.json`): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

/** Exit 2, exactly one line on stderr, no stack frames, no raw control characters, and every part named. */
function expectOneLine(r: CliOutcome, ...parts: string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  for (const part of parts) expect(r.stderr).toContain(part);
}

describe('hosts a scenario names must exist', () => {
  it('a crash of p99 in a 3-host scenario is refused, not dropped', async () => {
    const file = writeScenario(scenario({ faults: { schedule: [{ type: 'crash', host: 'p99', atUs: 1000 }] } }));
    expectOneLine(await cliInProcess('run', file), file, 'faults.schedule[0].host: expected a host of this scenario (p1..p3), got "p99"');
  });

  it.each([
    ['a partition group', { faults: { schedule: [{ type: 'partition', groups: [['p1'], ['p2', 'p7']], atUs: 10 }] } }, 'faults.schedule[0].groups[1][1]'],
    ['a link override', { network: { ...(scenario().network as object), links: [{ from: 'p1', to: 'p5' }] } }, 'network.links[0].to'],
    ['clock drift', { clockDriftPpm: { p4: 100 } }, 'clockDriftPpm.p4'],
    ['a leave', { workload: { ...(scenario().workload as object), leaves: [{ atUs: 10, host: 'p9' }] } }, 'workload.leaves[0].host'],
    ['a note trigger', { faults: { schedule: [{ type: 'crash', host: 'p1', onNote: { host: 'p8', text: 'flush-begin' } }] } }, 'faults.schedule[0].onNote.host'],
    ['a link fault', { faults: { schedule: [{ type: 'link', from: 'p6', to: 'p1', lossProbability: 1, atUs: 5 }] } }, 'faults.schedule[0].from'],
  ])('an unknown host in %s', async (_where, overrides, field) => {
    const file = writeScenario(scenario(overrides));
    expectOneLine(await cliInProcess('run', file), file, `${field}: expected a host of this scenario`);
  });

  it('a restarted process name (p3#2) is not a host: the message says to use the host name', async () => {
    const file = writeScenario(scenario({ faults: { schedule: [{ type: 'crash', host: 'p3#2', atUs: 10 }] } }));
    expectOneLine(await cliInProcess('run', file), 'faults.schedule[0].host: expected a host name like "p3"');
  });

  it('a joiner is a host once it has joined, not before', async () => {
    const joins = { ...(scenario().workload as object), joins: [{ atUs: 500_000, count: 1 }] };
    const early = writeScenario(scenario({ workload: joins, faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 100 }] } }));
    expectOneLine(await cliInProcess('run', early), early, 'faults.schedule[0].host: expected a host that exists at 100 us (p4 joins at 500000 us)');
    const unknown = writeScenario(scenario({ workload: joins, faults: { schedule: [{ type: 'crash', host: 'p5', atUs: 600_000 }] } }));
    expectOneLine(await cliInProcess('run', unknown), '(p1..p3, or p4..p4 that workload.joins adds), got "p5"');
  });

  it('a host in two partition groups', async () => {
    const file = writeScenario(scenario({ faults: { schedule: [{ type: 'partition', groups: [['p1', 'p2'], ['p2', 'p3']], atUs: 10 }] } }));
    expectOneLine(await cliInProcess('run', file), file, 'faults.schedule[0].groups[1][0]: expected each host in one group only (p2 is already in groups[0])');
  });
});

describe('suites and names', () => {
  it('two scenarios with the same name in one suite: both files named', async () => {
    const suite = join(dir, 'dup-suite');
    mkdirSync(suite);
    writeScenario(scenario({ name: 'twin' }), 'dup-suite/a.json');
    writeScenario(scenario({ name: 'twin' }), 'dup-suite/b.json');
    expectOneLine(await cliInProcess('run', suite), 'a.json', 'b.json', 'name: expected a scenario name used once', '"twin"');
  });

  it('a name that would put a trace outside --out is refused, saying which characters are allowed', async () => {
    const file = writeScenario(scenario({ name: '../../escaped' }));
    expectOneLine(await cliInProcess('run', file, '--out', join(dir, 'out')), file,
      'name: expected a name of 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit');
  });

  it('an explore block that explore would reject is refused by run too', async () => {
    const file = writeScenario(scenario({ explore: { multicastsPerProcess: 'two' } }));
    expectOneLine(await cliInProcess('run', file), `${file}: explore.multicastsPerProcess: expected an integer from 0 to 64, got "two"`);
    const big = writeScenario(scenario({ processes: 9, explore: {} }));
    expectOneLine(await cliInProcess('run', big), `${big}: processes: exploration supports at most 8 processes, got 9`);
  });
});

describe('protocols', () => {
  it('an unknown protocol name names the file and the field', async () => {
    const file = writeScenario(scenario({ protocol: { name: 'nope' } }));
    expectOneLine(await cliInProcess('run', file), `${file}: protocol.name: unknown protocol "nope", expected one of`);
    expectOneLine(await cliInProcess('replay', '--scenario', file, '--seed', '1'), `${file}: protocol.name: unknown protocol "nope"`);
    expectOneLine(await cliInProcess('explore', file), `${file}: protocol.name: unknown protocol "nope"`);
  });

  it('a trace whose header names an unknown protocol: replay names the trace', async () => {
    const trace = join(dir, 'unknown-protocol.jsonl');
    const spec = { ...scenario({ protocol: { name: 'gone' } }) };
    writeFileSync(trace, `${JSON.stringify({ type: 'header', format: 'vsynclab-trace', version: 1, seed: '1', scenarioSpec: spec })}\n`);
    expectOneLine(await cliInProcess('replay', trace), `${trace}:1: scenarioSpec.protocol.name: unknown protocol "gone"`);
  });

  it('a bad protocol option names the file and the field', async () => {
    const file = writeScenario(scenario({ protocol: { name: 'isis', options: { suspectTimeoutUs: 'soon' } } }));
    expectOneLine(await cliInProcess('run', file), `${file}: protocol.options.suspectTimeoutUs: expected`);
    expectOneLine(await cliInProcess('mutants', file, '--only', 'fifo-gap'), `${file}: protocol.options.suspectTimeoutUs: expected`);
  });

  it('a generator file with a bad protocol names generate.protocol', async () => {
    const file = writeScenario({
      name: 'gen', description: 'd', seeds: [1],
      generate: { mode: 'uniform', processes: 3, protocol: { name: 'nope' }, durationUs: 100_000, settleUs: 100_000, multicastsPerSecond: 10 },
    });
    expectOneLine(await cliInProcess('run', file), `${file}: generate.protocol.name: unknown protocol "nope"`);
  });
});

describe('deeply nested JSON', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

  it('in a scenario: run and explore say so with the line', async () => {
    const file = writeScenario(`{\n"name": "deep",\n"description": ${deep}\n}\n`);
    expectOneLine(await cliInProcess('run', file), `${file}:3: JSON nested deeper than 256 levels`);
    expectOneLine(await cliInProcess('explore', file), `${file}:3: JSON nested deeper than 256 levels`);
  });

  it('in a trace: replay, view, check and shrink say so with the line', async () => {
    const header = `{"type":"header","format":"vsynclab-trace","version":1,"seed":"1","scenarioSpec":${deep}}`;
    const trace = join(dir, 'deep-header.jsonl');
    writeFileSync(trace, `${header}\n`);
    for (const command of ['replay', 'view', 'check', 'shrink']) {
      expectOneLine(await cliInProcess(command, trace), `${trace}:1: JSON nested deeper than 256 levels`);
    }
    const eventTrace = join(dir, 'deep-event.jsonl');
    writeFileSync(eventTrace, `{"type":"header","format":"vsynclab-trace","version":1}\n{"type":"note","i":0,"t":0,"x":${deep}}\n`);
    expectOneLine(await cliInProcess('view', eventTrace), `${eventTrace}:2: JSON nested deeper than 256 levels`);
  });
});

describe('output files', () => {
  it('an unwritable --trace-out', async () => {
    const file = writeScenario(scenario());
    const nowhere = join(dir, 'no-such-folder', 't.jsonl');
    expectOneLine(await cliInProcess('run', file, '--seed', '1', '--trace-out', nowhere), `--trace-out ${nowhere}: cannot write the trace file (no such folder)`);
    expectOneLine(await cliInProcess('replay', '--scenario', file, '--seed', '1', '--trace-out', dir), `--trace-out ${dir}: cannot write the trace file (it is a folder)`);
  });

  it('--out naming an existing file', async () => {
    const file = writeScenario(scenario());
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'x');
    expectOneLine(await cliInProcess('run', file, '--out', notAFolder), `--out ${notAFolder}: expected a folder`);
    expectOneLine(await cliInProcess('run', file, '--out', join(notAFolder, 'below')), `--out ${join(notAFolder, 'below')}: expected a folder to write into`);
  });
});

describe('seeds', () => {
  const file = writeScenario(scenario());

  it('a seed beyond 2^53 - 1 is refused instead of running as another seed', async () => {
    expectOneLine(await cliInProcess('run', file, '--seed', '9007199254740993'), '--seed: expected a seed, an integer from 0 to 9007199254740991 written in digits, got "9007199254740993"');
    expectOneLine(await cliInProcess('run', file, '--seeds', '9007199254740990..9007199254740993'), '"9007199254740993" is not a seed');
    expectOneLine(await cliInProcess('replay', '--scenario', file, '--seed', '9007199254740993'), '--seed: expected a seed');
    expectOneLine(await cliInProcess('mutants', file, '--seed', '9007199254740993'), '--seed: expected a seed');
  });

  it('--seeds -5..2, --seed abc, an over-long range', async () => {
    expectOneLine(await cliInProcess('run', file, '--seeds', '-5..2'), '--seeds: expected a range A..B of seeds, got "-5..2": "-5" is not a seed; seeds are an integer from 0 to');
    expectOneLine(await cliInProcess('run', file, '--seed', 'abc'), '--seed: expected a seed', 'got "abc"');
    expectOneLine(await cliInProcess('run', file, '--seed', '-3'), '--seed: expected a seed', 'got "-3"');
    expectOneLine(await cliInProcess('run', file, '--seeds', '1..1000000'), '1000000 seeds; at most 100000 seeds in one run');
  });

  it('in a scenario file, a seed range beyond 2^53 - 1', async () => {
    const far = writeScenario(scenario({ seeds: '1..9007199254740993' }));
    expectOneLine(await cliInProcess('run', far), `${far}: seeds: expected a range "A..B" or an array of integers ("9007199254740993" is not a seed`);
  });
});

describe('traces', () => {
  it('non-UTF-8 bytes: the line is named', async () => {
    const trace = join(dir, 'latin1.jsonl');
    const header = Buffer.from('{"type":"header","format":"vsynclab-trace","version":1,"seed":"1"}\n');
    const event = Buffer.concat([Buffer.from('{"type":"start","i":0,"t":0,"node":"p'), Buffer.from([0xe9, 0xff]), Buffer.from('"}\n')]);
    writeFileSync(trace, Buffer.concat([header, event]));
    for (const command of ['check', 'view', 'replay']) {
      expectOneLine(await cliInProcess(command, trace), `${trace}:2: bytes that are not UTF-8`);
    }
  });

  it('a header seed that is not a seed: replay refuses instead of running another schedule', async () => {
    const spec = { ...scenario(), seeds: [1] };
    for (const seed of ['01', '1.0', 'abc', '9007199254740993']) {
      const trace = join(dir, `seed-${seed}.jsonl`);
      writeFileSync(trace, `${JSON.stringify({ type: 'header', format: 'vsynclab-trace', version: 1, protocol: 'isis', scenario: 'bad-input', seed, scenarioSpec: spec })}\n`);
      expectOneLine(await cliInProcess('replay', trace), `${trace}:1: seed: expected a seed`, `got ${JSON.stringify(seed)}`);
    }
  });
});

describe('scenario bytes', () => {
  it('a scenario file that is not UTF-8: the line is named', async () => {
    const file = join(dir, 'latin1.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n"name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    expectOneLine(await cliInProcess('run', file), `${file}:2: bytes that are not UTF-8`);
  });
});

describe('a scenario that cannot end within its event bound', () => {
  it('durationUs of 9e15 is refused up front with the limit', async () => {
    const file = writeScenario(scenario({ durationUs: 9e15 }));
    expectOneLine(await cliInProcess('run', file), `${file}: durationUs: expected durationUs + settleUs at most 8796093022208 us`);
  });

  it('a workload that needs more events than limits.maxEvents', async () => {
    const file = writeScenario(scenario({ durationUs: 100_000_000_000 }));
    expectOneLine(await cliInProcess('run', file), `${file}: durationUs: expected a fault phase that fits limits.maxEvents (5000000 events, the default)`);
  });
});

describe('terminal safety', () => {
  it('control characters in a scenario never reach the terminal raw', async () => {
    const file = writeScenario(scenario({ name: 'evil\u001b]0;pwned\u0007\u009b2J' }));
    const r = await cliInProcess('run', file);
    expectOneLine(r, '\\u001b]0;pwned\\u0007\\u009b2J');
    const key = writeScenario({ ...scenario(), 'x\u001b[2J': 1 });
    expectOneLine(await cliInProcess('run', key), '(top level).x\\u001b[2J: unknown field');
  });

  it('a description with control characters (which `list` would print) is refused, escaped', async () => {
    const file = writeScenario(scenario({ description: 'fine\u001b[2Jnot' }));
    expectOneLine(await cliInProcess('run', file), `${file}: description: expected text without control characters`, '\\u001b[2J');
  });

  it('control characters in a trace line that is not JSON are escaped in the parse error', async () => {
    const trace = join(dir, 'evil.jsonl');
    writeFileSync(trace, '{"type":"header","format":"vsynclab-trace","version":1}\n\u001b]0;pwned\u0007 \u009b2J\n');
    for (const command of ['check', 'view']) {
      expectOneLine(await cliInProcess(command, trace), `${trace}:2: not valid JSON`, '\\u001b]0;pwned\\u0007');
    }
  });
});
