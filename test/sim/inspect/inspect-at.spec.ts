// Replaying a trace with its process states: every state is the one the
// handlers had produced when the event was written, for timed runs (plugin
// protocols, ISIS, mutants) and explorer counterexamples; a replay that
// differs from the recording says where.
import { describe, expect, it } from 'vitest';
import '../../fixtures/flood-plugin.ts';
import '../explore/fixtures/plugin.ts';
import { baseScenario } from '../../fixtures/scenario.ts';
import { inspectAt, checkEventIndex, startedProcesses } from '../../../sim/inspect/inspect-at.ts';
import { replayStates } from '../../../sim/inspect/replay-states.ts';
import { loadScenarioFile } from '../../../sim/scenario-files.ts';
import { runScenario } from '../../../sim/run.ts';
import { mutantRunOptions } from '../../../sim/mutant-run.ts';
import { loadExploreScenario } from '../../../sim/explore/config.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { replayChoices } from '../../../sim/explore/counterexample.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { InputError } from '../../../core/input-error.ts';
import type { FloodState } from '../../fixtures/flood-protocol.ts';
import { eventsOf, MemorySink, recordCounterexample, recordExploredPath, recordRun } from './recorded-traces.ts';

const flood = baseScenario({ protocol: { name: 'test-flood', options: { tickUs: 40_000 } }, durationUs: 200_000, settleUs: 50_000 });

describe('replayStates on a timed run', () => {
  const lines = recordRun(flood, '5');
  const events = eventsOf(lines);

  it('shows each event with the states its handlers had produced when it was written', () => {
    const sent = new Map<string, number>();
    const ticks = new Map<string, number>();
    let visited = 0;
    const replay = replayStates(lines, 'flood.jsonl', ({ index, line, states }) => {
      expect(line).toBe(lines[index + 1]);
      visited++;
      const e = events[index]!;
      const node = e.node as string;
      const state = states.get(node) as FloodState | undefined;
      switch (e.type) {
        case 'start':
          // The start event is written before the start handler runs.
          expect(state).toBeUndefined();
          break;
        case 'view':
          expect(state?.view).toBe((e.view as { id: number }).id);
          break;
        case 'bcast':
          sent.set(node, (sent.get(node) ?? 0) + 1);
          expect(state?.sent).toBe(sent.get(node));
          break;
        case 'deliver':
          expect(state?.delivered[e.msg as string]).toBe(true);
          break;
        case 'note':
          ticks.set(node, (ticks.get(node) ?? 0) + 1);
          expect(state?.ticks).toBe(ticks.get(node));
          break;
        default:
          break;
      }
    });
    expect(replay.difference).toBeNull();
    expect(replay.timeUnit).toBe('us');
    expect(visited).toBe(events.length);
    expect(events.filter((e) => e.type === 'deliver').length).toBeGreaterThan(10);
    expect([...ticks.values()].every((n) => n > 0)).toBe(true);
  });

  it('inspectAt gives the states after event N and after N-1', () => {
    const at = events.findIndex((e) => e.type === 'deliver');
    const e = events[at]!;
    const inspected = inspectAt(lines, 'flood.jsonl', at);
    expect(inspected.difference).toBeNull();
    expect(inspected.event).toEqual(e);
    const p = inspected.processes.find((x) => x.node === e.node)!;
    expect(p.status).toBe('live');
    expect((p.state as FloodState).delivered[e.msg as string]).toBe(true);
    expect((p.before as FloodState).delivered[e.msg as string]).toBeUndefined();
    expect(inspected.processes.map((x) => x.node)).toEqual(['p1', 'p2', 'p3']);
  });

  it('a process appears once started, and its state once its start handler ran', () => {
    const inspected = inspectAt(lines, 'flood.jsonl', 0);
    expect(inspected.processes).toEqual([{ node: 'p1', status: 'live', state: undefined, before: undefined }]);
  });

  it('names the first event a changed recording differs at', () => {
    const at = events.findIndex((e, k) => k > 20 && e.type === 'deliver');
    const tampered = [...lines];
    tampered[at + 1] = tampered[at + 1]!.replace(/"msg":"[^"]*"/, '"msg":"p9:99"');
    const inspected = inspectAt(tampered, 'tampered.jsonl', at + 5);
    expect(inspected.divergedAt).toBe(at);
    expect(inspected.difference?.line).toBe(at + 2);
    expect(inspected.difference?.expected).toContain('p9:99');
    const truncated = inspectAt(lines.slice(0, 10), 'short.jsonl', 3);
    expect(truncated.divergedAt).toBe(9);
  });

  it('rejects an event that does not exist', () => {
    expect(() => checkEventIndex(lines, 't.jsonl', events.length)).toThrow(
      new InputError(`t.jsonl: --at ${events.length}: the trace has ${events.length} events (0..${events.length - 1})`),
    );
    expect(() => inspectAt(lines, 't.jsonl', -1)).toThrow(InputError);
    expect(startedProcesses(lines)).toEqual(['p1', 'p2', 'p3']);
  });

  it('rejects a trace whose header holds no scenario or seed', () => {
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const { seed: _seed, ...noSeed } = header;
    expect(() => inspectAt([JSON.stringify(noSeed), ...lines.slice(1)], 'x.jsonl', 1)).toThrow(/x\.jsonl:1: seed: expected a seed/);
    const { scenarioSpec: _spec, ...noSpec } = header;
    expect(() => inspectAt([JSON.stringify(noSpec), ...lines.slice(1)], 'x.jsonl', 1)).toThrow(/x\.jsonl:1: scenarioSpec/);
    expect(() => inspectAt([JSON.stringify({ ...header, detail: 'everything' }), ...lines.slice(1)], 'x.jsonl', 1)).toThrow(
      /x\.jsonl:1: detail: expected one of app, net, full/,
    );
  });
});

describe('replayStates on ISIS runs', () => {
  const scenario = loadScenarioFile('scenarios/isis-member-crash.json').forSeed(1);

  it('every view event shows the view in the installing process state; a crashed process is marked', () => {
    const lines = recordRun(scenario, '1');
    const events = eventsOf(lines);
    let views = 0;
    const replay = replayStates(lines, 'isis.jsonl', ({ index, states }) => {
      const e = events[index]!;
      if (e.type !== 'view') return;
      views++;
      expect((states.get(e.node as string) as { view: { id: number; members: string[] } }).view).toEqual(e.view);
    });
    expect(replay.difference).toBeNull();
    expect(views).toBeGreaterThan(5);
    const crash = events.findIndex((e) => e.type === 'crash');
    expect(crash).toBeGreaterThan(0);
    const inspected = inspectAt(lines, 'isis.jsonl', crash);
    expect(inspected.processes.find((p) => p.node === events[crash]!.node)?.status).toBe('crashed');
  });

  it('replays a mutant run with the mutant the header names', () => {
    const sink = new MemorySink();
    runScenario(scenario, { seed: '2', traceSink: sink, ...mutantRunOptions(scenario, 'fifo-gap') });
    expect(sink.lines[0]).toContain('"mutant":"fifo-gap"');
    const inspected = inspectAt(sink.lines, 'mutant.jsonl', sink.lines.length - 2);
    expect(inspected.difference).toBeNull();
    // Without the mutant the same header replays differently.
    const plain = [sink.lines[0]!.replace('"mutant":"fifo-gap",', ''), ...sink.lines.slice(1)];
    expect(inspectAt(plain, 'plain.jsonl', 1).difference).not.toBeNull();
  });
});

describe('replayStates on explorer counterexamples', () => {
  it('ends in the states the explorer reaches, with no divergence (a plugin protocol)', () => {
    const lines = recordCounterexample('test/sim/explore/fixtures/scenarios/broken-cbcast-3x2.json');
    const header = JSON.parse(lines[0]!) as { exploreChoices: string[] };
    const last = lines.length - 2;
    const inspected = inspectAt(lines, 'cex.jsonl', last);
    expect(inspected.difference).toBeNull();
    expect(inspected.timeUnit).toBe('step');
    const { scenario, config } = loadExploreScenario('test/sim/explore/fixtures/scenarios/broken-cbcast-3x2.json');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
    const reached = replayChoices(model, header.exploreChoices);
    expect(reached.stuck).toBeNull();
    expect(inspected.processes.map((p) => p.state)).toEqual(reached.state.procs.map((p) => p.state));
  });

  it('places each step\'s state change at the handler\'s first output event', () => {
    const lines = recordExploredPath('test/sim/explore/fixtures/scenarios/cbcast-3x1.json', 14, (labels, k) => (k * 7) % labels.length);
    const events = eventsOf(lines);
    const snapshots: Map<string, unknown>[] = [];
    const replay = replayStates(lines, 'path.jsonl', ({ states }) => void snapshots.push(new Map(states)));
    expect(replay.difference).toBeNull();
    expect(snapshots).toHaveLength(events.length);
    events.forEach((e, k) => {
      if (e.type === 'start') expect(snapshots[k]!.has(e.node as string)).toBe(false);
      if (e.type === 'view' || e.type === 'bcast' || e.type === 'deliver') expect(snapshots[k]!.has(e.node as string)).toBe(true);
    });
    // Every step that delivers: its input events (choice, recv) show the state the step began with,
    // its deliver event the state after the handler.
    const delivering = events.filter((e, k) => e.type === 'deliver' && (events[k - 1]!.t !== e.t || events[k - 1]!.type !== 'bcast'));
    expect(delivering.length).toBeGreaterThan(0);
    for (const d of delivering) {
      const k = events.indexOf(d);
      const node = d.node as string;
      const j = events.filter((e) => (e.t as number) < (d.t as number)).length - 1;
      expect(snapshots[k]!.get(node)).not.toEqual(snapshots[j]!.get(node));
      for (let x = j + 1; x < k; x++) {
        if (['choice', 'recv'].includes(events[x]!.type as string)) expect(snapshots[x]!.get(node)).toBe(snapshots[j]!.get(node));
      }
    }
  });

  it('says when the recorded choices cannot be re-executed', () => {
    const lines = recordExploredPath('test/sim/explore/fixtures/scenarios/cbcast-3x1.json', 4, () => 0);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const broken = [JSON.stringify({ ...header, exploreChoices: ['no such choice'] }), ...lines.slice(1)];
    const inspected = inspectAt(broken, 'broken.jsonl', 0);
    expect(inspected.divergedAt).toBe(-1);
    expect(inspected.difference?.actual).toContain('not enabled at step 1');
  });
});
