import { describe, it, expect } from 'vitest';
import { buildDiagramModel } from '../../../traces/export/diagram-model.ts';
import { sampleDeliveries, sampleEvents, sampleHeader, sampleViolation } from './fixtures.ts';

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
      { id: 1, members: ['p1', 'p2', 'p3'] }, { id: 2, members: ['p1', 'p2'] }, { id: 3, members: ['p1', 'p2', 'p4'] },
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
