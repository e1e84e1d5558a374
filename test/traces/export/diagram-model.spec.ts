import { describe, it, expect } from 'vitest';
import { buildDiagramModel } from '../../../traces/export/diagram-model.ts';
import { checkEvents } from '../../../checkers/index.ts';
import { sampleDeliveries, sampleEvents, sampleHeader, sampleViolation } from './fixtures.ts';
import { netEvents, netHeader, netStates } from './net-fixtures.ts';

describe('buildDiagramModel', () => {
  const model = buildDiagramModel(sampleHeader, sampleEvents, { violations: [sampleViolation] });

  it('draws one column per known event and hides the others by default', () => {
    expect(model.events).toHaveLength(sampleEvents.length - 1);
    expect(model.meta.hiddenEvents).toBe(1);
    expect(model.events.map((e) => e.type)).not.toContain('send');
    const all = buildDiagramModel(sampleHeader, sampleEvents, { showOtherEvents: true });
    expect(all.events).toHaveLength(sampleEvents.length);
    expect(all.meta.hiddenEvents).toBe(0);
  });

  it('has a lane per process, ending where it crashed or exited', () => {
    expect(model.lanes.map((l) => [l.id, l.end])).toEqual([
      ['p1', 'open'], ['p2', 'left'], ['p3', 'crash'], ['p4', 'open'],
    ]);
    const p3 = model.lanes[2]!;
    expect(model.events[p3.endCol]!.type).toBe('crash');
    expect(model.events[model.lanes[3]!.startCol]!.i).toBe(19);
  });

  it('has one arrow per delivery, from the bcast column to the deliver column', () => {
    expect(model.arrows).toHaveLength(sampleDeliveries);
    for (const arrow of model.arrows) {
      const from = model.events[arrow.fromCol]!;
      const to = model.events[arrow.toCol]!;
      expect(from.type).toBe('bcast');
      expect(to.type).toBe('deliver');
      expect(model.lanes[arrow.fromLane]!.id).toBe((from.raw as { node: string }).node);
      expect(model.lanes[arrow.toLane]!.id).toBe((to.raw as { node: string }).node);
    }
    expect(model.arrows.filter((a) => a.violated).map((a) => a.msg)).toEqual(['m2', 'm2']);
  });

  it('draws view bands from each install to the next install, crash or exit', () => {
    const p2 = model.bands.filter((b) => model.lanes[b.lane]!.id === 'p2').map((b) => [b.view, model.events[b.fromCol]!.i, model.events[b.toCol]!.i]);
    expect(p2).toEqual([[1, 4, 15], [2, 15, 21], [3, 21, 23]]);
    expect(model.views).toEqual([
      { id: 1, members: ['p1', 'p2', 'p3'], variant: 0, conflict: false },
      { id: 2, members: ['p1', 'p2'], variant: 0, conflict: false },
      { id: 3, members: ['p1', 'p2', 'p4'], variant: 0, conflict: false },
    ]);
  });

  it('spans a partition until its heal', () => {
    expect(model.partitions).toHaveLength(1);
    const p = model.partitions[0]!;
    expect([model.events[p.fromCol]!.type, model.events[p.toCol]!.type, p.ended]).toEqual(['partition', 'heal', true]);
    expect(p.groups).toEqual([['p1'], ['p2']]);
  });

  it('maps violations to the columns of their events and the events to their violations', () => {
    expect(model.violations[0]!.cols.map((c) => model.events[c]!.i)).toEqual([9, 12]);
    expect(model.events.filter((e) => e.violations.length > 0).map((e) => e.i)).toEqual([9, 12]);
  });

  it('carries state into a window: open views, live lanes, arrows from earlier bcasts', () => {
    const window = buildDiagramModel(sampleHeader, sampleEvents, { from: 8, to: 17, violations: [sampleViolation] });
    expect(window.meta).toMatchObject({ from: 8, to: 17, eventCount: 25 });
    expect(window.lanes.slice(0, 3).map((l) => [l.id, l.startCol])).toEqual([['p1', -1], ['p2', -1], ['p3', -1]]);
    // p2 delivers m1, multicast at event 6, before the window: the arrow starts at the edge.
    const first = window.arrows[0]!;
    expect([first.msg, first.fromCol, first.order, window.lanes[first.fromLane]!.id]).toEqual(['m1', -1, 'causal', 'p1']);
    // Bands already open at the window's start begin at column -1.
    expect(window.bands.filter((b) => b.fromCol === -1).map((b) => b.view)).toEqual([1, 1, 1]);
    // The partition is still in force at the window's end.
    expect(window.partitions[0]!.ended).toBe(false);
  });

  it('marks a delivery of a message never multicast as an arrow of unknown order', () => {
    const odd = buildDiagramModel(undefined, [
      { type: 'start', i: 0, t: 0, node: 'a' },
      { type: 'deliver', i: 1, t: 1, node: 'a', msg: 'ghost', from: 'b', view: 1 },
    ]);
    expect(odd.arrows).toEqual([{ fromCol: -1, toCol: 1, fromLane: 1, toLane: 0, msg: 'ghost', order: 'unknown', violated: false }]);
    expect(odd.meta.protocol).toBeNull();
  });
});

describe('buildDiagramModel with network events', () => {
  const result = checkEvents(netEvents);
  const model = buildDiagramModel(netHeader, netEvents, { violations: result.violations, states: netStates });
  const colOf = (i: number): number => model.events.findIndex((e) => e.i === i);

  it('draws net events by default: one column per event', () => {
    expect(model.events).toHaveLength(netEvents.length);
    expect(model.meta.hiddenEvents).toBe(0);
  });

  it('has a frame per recv or drop, from its send (or dup) column, with kind, key and fate', () => {
    const frames = model.frames.map((f) => [model.events[f.fromCol]!.i, model.events[f.toCol]!.i, f.kind, f.key, f.fate, f.reason ?? '', f.copy]);
    expect(frames).toEqual([
      [8, 10, 'mc', 'p1:1', 'recv', '', false],
      [9, 12, 'mc', 'p1:1', 'drop', 'loss', false],
      [15, 18, 'mc', 'p1:2', 'recv', '', false],
      [16, 20, 'mc', 'p1:2', 'recv', '', false],
      [17, 22, 'mc', 'p1:2', 'drop', 'duplicate', true],
      [26, 27, 'flush', 'v2', 'recv', '', false],
      [28, 29, 'fok', 'v2', 'recv', '', false],
      [30, 32, 'install', 'v2', 'recv', '', false],
    ]);
    for (const f of model.frames) {
      expect(model.lanes[f.toLane]!.id).toBe((model.events[f.toCol]!.raw as { node: string }).node);
    }
    expect(model.kinds).toEqual([{ kind: 'flush', count: 1 }, { kind: 'fok', count: 1 }, { kind: 'install', count: 1 }, { kind: 'mc', count: 5 }]);
  });

  it('marks the frames of the messages a violation names', () => {
    expect(model.frames.filter((f) => f.violated).map((f) => f.net)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists both member lists of view 2 and gives their bands different variants', () => {
    expect(model.views.filter((v) => v.id === 2)).toEqual([
      { id: 2, members: ['p1', 'p2'], variant: 0, conflict: true },
      { id: 2, members: ['p3'], variant: 1, conflict: true },
    ]);
    const p3 = model.lanes.findIndex((l) => l.id === 'p3');
    expect(model.bands.filter((b) => b.view === 2).map((b) => [model.lanes[b.lane]!.id, b.variant])).toEqual([['p1', 0], ['p2', 0], ['p3', 1]]);
    expect(model.bands.find((b) => b.view === 2 && b.lane === p3)!.fromCol).toBe(colOf(35));
  });

  it('starts a frame at the window edge when its send lies before the window', () => {
    const window = buildDiagramModel(netHeader, netEvents, { from: 10, to: 14 });
    expect(window.frames.map((f) => [f.fromCol, window.events[f.toCol]!.i, window.lanes[f.fromLane]!.id])).toEqual([[-1, 10, 'p1'], [-1, 12, 'p1']]);
  });

  it('groups violations by the cause given, with the story of each group', () => {
    const groups = [{ cause: 'p3 never received p1:1', count: 3, members: [0, 2, 6] }, { cause: null, count: 1, members: [1] }];
    const grouped = buildDiagramModel(netHeader, netEvents, { violations: result.violations, violationGroups: groups });
    expect(grouped.groups[0]).toMatchObject({ cause: 'p3 never received p1:1', count: 3, members: [0, 2, 6] });
    // The story: the named events and every event about p1:1 or p1:2 (the messages they carry).
    const story = grouped.groups[0]!.story.map((c) => grouped.events[c]!.i);
    expect(story).toEqual(expect.arrayContaining([6, 7, 8, 9, 10, 11, 12, 13, 21, 22]));
    expect(story).not.toContain(26);
    expect(buildDiagramModel(netHeader, netEvents, { violations: result.violations }).groups).toHaveLength(result.violations.length);
  });

  it('filters by process: only their lanes and the global events', () => {
    const p3 = buildDiagramModel(netHeader, netEvents, { filter: { nodes: ['p3'] } });
    expect(p3.lanes.map((l) => l.id)).toEqual(['p3']);
    expect(p3.events.every((e) => e.lane === 0 || e.lane === -1)).toBe(true);
    expect(p3.meta.filteredEvents).toBeGreaterThan(0);
    expect(p3.meta.filter).toBe('process p3');
  });

  it('filters by message: the frames and app events of that message, in their views', () => {
    const m = buildDiagramModel(netHeader, netEvents, { filter: { messages: ['flush'] } });
    const types = m.events.map((e) => e.type);
    expect(types.filter((t) => t === 'send' || t === 'recv')).toEqual(['send', 'recv']);
    expect(types).toContain('view');
    expect(types).not.toContain('deliver');
  });

  it('embeds the states up to the window end, and refuses a malformed structure', () => {
    expect(model.states!.steps).toHaveLength(netStates.steps.length);
    expect(buildDiagramModel(netHeader, netEvents, { to: 10, states: netStates }).states!.steps.every((s) => s.i <= 10)).toBe(true);
    expect(() => buildDiagramModel(netHeader, netEvents, { states: { steps: [{ i: 0, node: 'p1', changes: [{ path: 'x' }] }] } as never }))
      .toThrow(/steps\[0\]\.changes\[0\]\.path: expected an array of object keys/);
  });
});
