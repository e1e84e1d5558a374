// The embedded states of a whole trace: applying a node's steps up to event
// N gives the state `inspect --at N --json` prints; a size budget stops the
// embedding and says where.
import { describe, expect, it } from 'vitest';
import '../../fixtures/flood-plugin.ts';
import '../explore/fixtures/plugin.ts';
import { baseScenario } from '../../fixtures/scenario.ts';
import { embeddedStates, stateFromSteps } from '../../../sim/inspect/embedded-states.ts';
import { inspectAt } from '../../../sim/inspect/inspect-at.ts';
import { loadScenarioFile } from '../../../sim/scenario-files.ts';
import { recordCounterexample, recordRun } from './recorded-traces.ts';

/** The states `inspect --at N --json` prints, parsed back. */
function jsonStatesAt(lines: readonly string[], at: number): Record<string, unknown> {
  const inspected = inspectAt(lines, 't.jsonl', at);
  const states = Object.fromEntries(inspected.processes.filter((p) => p.state !== undefined).map((p) => [p.node, p.state]));
  return JSON.parse(JSON.stringify(states)) as Record<string, unknown>;
}

function rebuiltAt(steps: Parameters<typeof stateFromSteps>[0], nodes: readonly string[], at: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of nodes) {
    const state = stateFromSteps(steps, node, at);
    if (state !== undefined) out[node] = state;
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

describe('embeddedStates', () => {
  it('reproduces the inspected states at every sampled event of an ISIS run', () => {
    const lines = recordRun(loadScenarioFile('scenarios/isis-member-crash.json').forSeed(1), '3');
    const embedded = embeddedStates(lines, 'isis.jsonl');
    expect(embedded.truncated).toBeNull();
    expect(embedded.difference).toBeNull();
    const nodes = [...new Set(embedded.steps.map((s) => s.node))];
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    // Each node's first step is its whole state; later ones are changes below the root.
    for (const node of nodes) {
      const mine = embedded.steps.filter((s) => s.node === node);
      expect(mine[0]!.changes).toEqual([{ path: [], value: expect.anything() }]);
      expect(mine.slice(1).every((s) => s.changes.every((c) => c.path.length > 0))).toBe(true);
    }
    const events = lines.length - 1;
    for (const at of [3, Math.floor(events / 2), events - 1]) {
      expect(rebuiltAt(embedded.steps, nodes, at)).toEqual(jsonStatesAt(lines, at));
    }
    // Steps are in event order, and only where something changed.
    expect(embedded.steps.every((s, k) => k === 0 || s.i >= embedded.steps[k - 1]!.i)).toBe(true);
    expect(embedded.steps.every((s) => s.changes.length > 0)).toBe(true);
  });

  it('reproduces the inspected states of an explorer counterexample', () => {
    const lines = recordCounterexample('test/sim/explore/fixtures/scenarios/broken-cbcast-3x2.json');
    const embedded = embeddedStates(lines, 'cex.jsonl');
    expect(embedded.difference).toBeNull();
    const nodes = ['p1', 'p2', 'p3'];
    for (let at = 0; at < lines.length - 1; at++) expect(rebuiltAt(embedded.steps, nodes, at)).toEqual(jsonStatesAt(lines, at));
  });

  it('stops at the size budget and says from which event', () => {
    const lines = recordRun(baseScenario({ durationUs: 300_000, settleUs: 50_000 }), '2');
    const whole = embeddedStates(lines, 'flood.jsonl');
    const wholeChars = JSON.stringify(whole.steps).length;
    const budget = Math.floor(wholeChars / 2);
    const cut = embeddedStates(lines, 'flood.jsonl', { maxJsonChars: budget });
    expect(cut.truncated).not.toBeNull();
    expect(JSON.stringify(cut.steps).length).toBeLessThanOrEqual(budget);
    expect(cut.steps).toEqual(whole.steps.filter((s) => s.i < cut.truncated!.fromEvent));
    expect(cut.truncated!.reason).toContain(`${budget} characters of JSON`);
    expect(whole.truncated).toBeNull();
    const window = embeddedStates(lines, 'flood.jsonl', { lastEvent: 40 });
    expect(window.steps).toEqual(whole.steps.filter((s) => s.i <= 40));
    expect(window.steps.length).toBeLessThan(whole.steps.length);
  });

  it('embeds nothing from the first event a changed recording differs at', () => {
    const lines = recordRun(baseScenario({ durationUs: 300_000, settleUs: 50_000 }), '4');
    const k = 30;
    const tampered = [...lines];
    tampered[k + 1] = tampered[k + 1]!.replace(/"t":\d+/, '"t":1');
    const embedded = embeddedStates(tampered, 'tampered.jsonl');
    expect(embedded.difference?.line).toBe(k + 2);
    expect(embedded.steps.length).toBeGreaterThan(0);
    expect(embedded.steps.every((s) => s.i < k)).toBe(true);
  });
});
