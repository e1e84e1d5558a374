// Issue 10, "nothing taken silently", the cases nobody listed (session 5's
// hostile pass): each bad input exits 2 with ONE line naming the file and the
// field or line and what was expected. In-process, on a small scenario.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './cli-harness.ts';
import { badInputKit, expectOneLine } from './bad-input-kit.ts';

const { dir, scenario, write } = badInputKit('hostile');

describe('replay of a recorded trace that is not a valid trace', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const trace = join(dir, 'valid.jsonl');
    const r = await cliInProcess('run', write(JSON.stringify(scenario())), '--seed', '1', '--trace-out', trace);
    expect(r.status, r.stderr).toBe(0);
    lines = readFileSync(trace, 'utf8').trimEnd().split('\n');
  });

  // Each of these used to be reported as DIFFERENT (exit 1): the run replayed
  // and the broken line merely failed to match.
  it.each([
    ['t of the wrong type', (l: string[]) => [l[0], l[1]!.replace('"t":0', '"t":"0"'), ...l.slice(2)], ':2:'],
    // (A negative t is an integer, valid by the contract: that trace replays as DIFFERENT.)
    ['a t that is not an integer', (l: string[]) => [l[0], l[1]!.replace('"t":0', '"t":0.5'), ...l.slice(2)], ':2:'],
    ['an i gap', (l: string[]) => [...l.slice(0, 3), ...l.slice(4)], ':4:'],
    ['an event that is null', (l: string[]) => [l[0], 'null', ...l.slice(1)], ':2:'],
    ['a truncated last line', (l: string[]) => [...l.slice(0, -1), l[l.length - 1]!.slice(0, -5)], `:`],
    ['view members that are not an array', (l: string[]) => l.map((x) => x.replace(/"members":\[[^\]]*\]/, '"members":"p1"')), ':'],
  ])('%s: exit 2 naming the line', async (_what, breakIt, where) => {
    const file = write(`${breakIt(lines).join('\n')}\n`, '.jsonl');
    expectOneLine(await cliInProcess('replay', file), `${file}${where}`);
  });

  it('a valid trace of another run still replays as DIFFERENT (exit 1): only invalid traces are bad input', async () => {
    const other = [...lines.slice(0, -1), lines[lines.length - 1]!.replace('"quiescent":true', '"quiescent":false')];
    const r = await cliInProcess('replay', write(`${other.join('\n')}\n`, '.jsonl'));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('DIFFERENT');
  });
});

describe('a value that should be an object and is not is one problem, not one per missing field', () => {
  it.each([
    ['a file holding null', 'null', '(top level): expected an object, got null'],
    ['a file holding an array', '[]', '(top level): expected an object, got []'],
    ['a file holding a number', '5', '(top level): expected an object, got 5'],
    ['a schedule entry that is null', JSON.stringify(scenario({ faults: { schedule: [null] } })), 'faults.schedule[0]: expected an object, got null'],
    ['a network that is a string', JSON.stringify(scenario({ network: 'fast' })), 'network: expected an object, got "fast"'],
  ])('%s', async (_what, content, message) => {
    const file = write(content);
    expectOneLine(await cliInProcess('run', file), `${file}: ${message}`);
  });
});

describe('numeric flags are decimal numbers', () => {
  it.each([
    ['explore', '--max-seconds', '0x10'],
    ['explore', '--max-states', ''],
    ['explore', '--workers', '0x2'],
  ])('%s %s %j', async (command, flag, value) => {
    const file = write(JSON.stringify(scenario()));
    expectOneLine(await cliInProcess(command, file, flag, value), `${flag}: expected a decimal number, got ${JSON.stringify(value)}`);
  });

  it('--shard -1/2 is named as a bad shard, not as an unknown argument "1"', async () => {
    expectOneLine(await cliInProcess('run', write(JSON.stringify(scenario())), '--shard', '-1/2'), '--shard: expected I/N with 1 <= I <= N');
  });
});

describe('command-line mistakes yargs reports over several lines come out as one', () => {
  it.each([
    [['run', 'x.json', '--reporter', 'bogus'], 'Invalid values: Argument: reporter, Given: "bogus", Choices: "pretty", "json", "junit"'],
    [['explore', 'x.json', '--strategy', 'bogus'], 'Given: "bogus", Choices: "bfs", "dfs"'],
    [['export', 'x.jsonl'], 'Missing required argument: shiviz; name the output: --shiviz OUT.log'],
  ])('%j', async (argv, message) => {
    expectOneLine(await cliInProcess(...argv), message);
  });
});

describe('a check across fields does not repeat a problem already reported inside them', () => {
  it.each([
    ['a meanUs that is not a number (was also "expected a mean >= minUs, got 0")', { network: { delay: { minUs: 100, meanUs: 'abc', jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 } }, 'network.delay.meanUs: expected an integer >= 0, got "abc"'],
    ['an order weight that is not a number (was also "expected at least one order with a weight above 0")', { workload: { multicastsPerSecond: 100, orders: { fifo: 'abc' } } }, 'workload.orders.fifo: expected a number from 0 to 1000000000, got "abc"'],
    ['seeds that are a number (was also "expected 1 to 100000 seeds")', { seeds: -1 }, 'seeds: expected an array, got -1'],
  ])('%s', async (_what, overrides, message) => {
    const file = write(JSON.stringify(scenario(overrides)));
    expectOneLine(await cliInProcess('run', file), `${file}: ${message}`);
  });
});
