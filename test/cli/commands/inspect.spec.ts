// `vsynclab inspect` as a user meets it (in-process): the pretty states, the
// exact JSON, the diff of one event, --node, a plugin's explorer
// counterexample, a replay that diverges (exit 1) and bad input (exit 2,
// one line).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess as cli } from '../cli-harness.ts';

const FLOOD_PLUGIN = 'test/fixtures/flood-plugin.ts';
const EXPLORE_FIXTURES = 'test/sim/explore/fixtures';
let dir: string;
let isisTrace: string;
let floodTrace: string;
let isisLines: string[];

interface JsonStates {
  at: number;
  event: { type: string; node?: string; msg?: string; i: number };
  status: Record<string, string>;
  states: Record<string, Record<string, unknown>>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vsynclab-inspect-'));
  isisTrace = join(dir, 'isis.jsonl');
  const isis = await cli('replay', '--scenario', 'scenarios/isis-member-crash.json', '--seed', '1', '--trace-out', isisTrace);
  expect(isis.status).toBe(0);
  isisLines = readFileSync(isisTrace, 'utf8').trimEnd().split('\n');
  floodTrace = join(dir, 'flood.jsonl');
  const flood = await cli('replay', '--scenario', 'test/fixtures/scenarios/flood-clean.json', '--seed', '2', '--trace-out', floodTrace, '--plugin', FLOOD_PLUGIN);
  expect(flood.status).toBe(0);
});

/** The index of the first event of `type` (at `node`, if given) after event `from`. */
function eventIndex(lines: readonly string[], type: string, from = 0): number {
  const k = lines.findIndex((line, n) => n > from + 1 && JSON.parse(line).type === type);
  expect(k).toBeGreaterThan(0);
  return k - 1;
}

describe('vsynclab inspect', () => {
  it('prints every process state after event N, readable and abbreviated', async () => {
    const at = eventIndex(isisLines, 'deliver', 30);
    const r = await cli('inspect', isisTrace, '--at', String(at));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`after event ${at}, t=${JSON.parse(isisLines[at + 1]!).t}us: ${isisLines[at + 1]}`);
    for (const node of ['p1', 'p2', 'p3', 'p4', 'p5']) expect(r.stdout).toMatch(new RegExp(`^${node}$`, 'm'));
    expect(r.stdout).toMatch(/^ {2}view: \{id: 1, members: \["p1", "p2", "p3", "p4", "p5"\]\}$/m);
  });

  it('--json prints the exact states; --node only that process', async () => {
    const at = eventIndex(isisLines, 'view', 5);
    const r = await cli('inspect', isisTrace, '--at', String(at), '--json');
    expect(r.status).toBe(0);
    const all = JSON.parse(r.stdout) as JsonStates;
    expect(all.at).toBe(at);
    expect(all.event).toEqual(JSON.parse(isisLines[at + 1]!));
    const node = all.event.node!;
    expect(all.states[node]!.view).toEqual((JSON.parse(isisLines[at + 1]!) as { view: unknown }).view);
    const one = await cli('inspect', isisTrace, '--at', String(at), '--json', '--node', node);
    const mine = JSON.parse(one.stdout) as JsonStates;
    expect(Object.keys(mine.states)).toEqual([node]);
    expect(mine.states[node]).toEqual(all.states[node]);
    expect(mine.status).toEqual({ [node]: 'live' });
  });

  it('--diff prints what event N changed, path by path', async () => {
    const floodLines = readFileSync(floodTrace, 'utf8').trimEnd().split('\n');
    const at = eventIndex(floodLines, 'deliver', 10);
    const event = JSON.parse(floodLines[at + 1]!) as { node: string; msg: string };
    const r = await cli('inspect', floodTrace, '--at', String(at), '--diff', '--node', event.node, '--plugin', FLOOD_PLUGIN);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`\n${event.node}\n  delivered."${event.msg}": (none) -> true\n`);
    const json = await cli('inspect', floodTrace, '--at', String(at), '--diff', '--json', '--node', event.node, '--plugin', FLOOD_PLUGIN);
    expect((JSON.parse(json.stdout) as { changes: Record<string, unknown> }).changes).toEqual({
      [event.node]: [{ path: ['delivered', event.msg], after: true }],
    });
    const start = await cli('inspect', floodTrace, '--at', '0', '--diff', '--plugin', FLOOD_PLUGIN);
    expect(start.stdout).toContain('event 0 changed no state');
  });

  it('shows a crashed process as crashed', async () => {
    const at = eventIndex(isisLines, 'crash');
    const node = (JSON.parse(isisLines[at + 1]!) as { node: string }).node;
    const r = await cli('inspect', isisTrace, '--at', String(at), '--node', node);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${node} \\(crashed\\)$`, 'm'));
  });

  it('inspects a plugin protocol\'s explorer counterexample', async () => {
    const out = join(dir, 'cex.jsonl');
    const explored = await cli('explore', `${EXPLORE_FIXTURES}/scenarios/broken-cbcast-3x2.json`, '--plugin', `${EXPLORE_FIXTURES}/plugin.ts`, '--out', out);
    expect(explored.status).toBe(1);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const last = lines.length - 2;
    const r = await cli('inspect', out, '--at', String(last), '--plugin', `${EXPLORE_FIXTURES}/plugin.ts`, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const states = (JSON.parse(r.stdout) as JsonStates).states;
    expect(Object.keys(states)).toEqual(['p1', 'p2', 'p3']);
    const pretty = await cli('inspect', out, '--at', String(last), '--plugin', `${EXPLORE_FIXTURES}/plugin.ts`);
    expect(pretty.stdout).toMatch(/^after event \d+, t=\d+ \(step\): /);
  });

  it('a replay that diverges from the recording says where, exit 1', async () => {
    const at = eventIndex(isisLines, 'deliver', 40);
    const tampered = [...isisLines];
    tampered[at + 1] = tampered[at + 1]!.replace(/"from":"p\d"/, '"from":"p9"');
    const path = join(dir, 'tampered.jsonl');
    writeFileSync(path, `${tampered.join('\n')}\n`);
    const r = await cli('inspect', path, '--at', String(at + 3));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`DIVERGED at event ${at} (line ${at + 2})`);
    expect(r.stdout).toContain(`would not be the recorded run's`);
    expect(r.stdout).not.toMatch(/^p1$/m);
    const before = await cli('inspect', path, '--at', String(at - 1));
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(/^p1$/m);
    expect(before.stdout).toContain(`DIVERGED at event ${at}`);
  });

  describe('bad input: exit 2 with one line', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['a missing file', () => ['inspect', join(dir, 'nope.jsonl'), '--at', '1'], /nope\.jsonl: cannot read the trace file/],
      ['a non-integer --at', () => ['inspect', isisTrace, '--at', '1.5'], /isis\.jsonl: --at: expected an event index from 0 to \d+, got "1\.5"/],
      ['an event past the end', () => ['inspect', isisTrace, '--at', '99999'], /isis\.jsonl: --at 99999: the trace has (\d+) events \(0\.\.\d+\)/],
      ['an unknown --node', () => ['inspect', isisTrace, '--at', '3', '--node', 'p9'], /isis\.jsonl: --node "p9": no such process in the trace \(it starts p1, p2, p3, p4, p5\)/],
      ['a trace without a seed', () => ['inspect', headerWithout('seed'), '--at', '1'], /no-seed\.jsonl:1: seed: expected a seed/],
      ['a trace without a scenario', () => ['inspect', headerWithout('scenarioSpec'), '--at', '1'], /no-scenarioSpec\.jsonl:1: scenarioSpec: the header holds no scenario/],
      ['a protocol no --plugin registers', () => ['inspect', withProtocol('not-registered'), '--at', '1'], /:1: scenarioSpec\.protocol\.name: unknown protocol "not-registered"/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const r = await cli(...args());
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(message);
      });
    }
  });
});

function headerWithout(field: string): string {
  const header = JSON.parse(isisLines[0]!) as Record<string, unknown>;
  delete header[field];
  const path = join(dir, `no-${field}.jsonl`);
  writeFileSync(path, `${[JSON.stringify(header), ...isisLines.slice(1, 20)].join('\n')}\n`);
  return path;
}

function withProtocol(name: string): string {
  const header = JSON.parse(isisLines[0]!) as { scenarioSpec: { protocol: { name: string } } };
  header.scenarioSpec.protocol.name = name;
  const path = join(dir, `protocol-${name}.jsonl`);
  writeFileSync(path, `${[JSON.stringify(header), ...isisLines.slice(1, 20)].join('\n')}\n`);
  return path;
}
