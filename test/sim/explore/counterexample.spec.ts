// Counterexamples are written at detail full: a choice event opens each
// step, and the network events tell every message's story by its net name.
import { describe, expect, it } from 'vitest';
import { explore } from '../../../sim/explore/index.ts';
import { withBudgets } from '../../../sim/explore/config.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import { checkEvents } from '../../../checkers/index.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import { isNetworkEvent } from '../../../traces/schema.ts';
import { fixture, shipped } from './helpers.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { pathTraceLines, replayChoices } from '../../../sim/explore/counterexample.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';

type Line = Record<string, unknown> & { type: string; i: number; t: number };

const parse = (lines: readonly string[]): Line[] => lines.slice(1).map((l) => JSON.parse(l) as Line);

describe('counterexample trace', () => {
  it("the violation's event indices are the file's (which also holds choices and frames), as check reports them", () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const r = explore(scenario, withBudgets(config, { drop: 1 }));
    const cex = r.counterexample!;
    const events = cex.lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);
    expect(events.some(isNetworkEvent)).toBe(true);
    expect(r.violation!.events.length).toBeGreaterThan(0);
    for (const i of r.violation!.events) expect(isNetworkEvent(events[i]!)).toBe(false);
    const checked = checkEvents(events).violations.filter((v) => v.property === r.violation!.property);
    expect(checked.some((v) => r.violation!.events.every((i) => v.events.includes(i)))).toBe(true);
  });

  it('a choice event per step, in step order, with the header\'s choice labels; detail full in the header', () => {
    const { scenario, config, file } = fixture('keyed-flood-3x1');
    const r = explore(scenario, withBudgets(config, { drop: 1 }));
    const cex = r.counterexample!;
    const header = JSON.parse(cex.lines[0]!) as Record<string, unknown>;
    expect(header.detail).toBe('full');
    const events = parse(cex.lines);
    events.forEach((e, k) => expect(e.i).toBe(k));
    const choices = events.filter((e) => e.type === 'choice');
    expect(choices.map((c) => c.choice)).toEqual(cex.choices);
    expect(choices.map((c) => c.step)).toEqual(cex.choices.map((_, k) => k + 1));
    // Every event of step k comes after step k's choice and before step k+1's.
    for (const e of events) {
      if (e.t === 0 || e.type === 'end') continue;
      const opening = choices[(e.t as number) - 1]!;
      expect(opening.i).toBeLessThanOrEqual(e.i);
      const next = choices[e.t as number];
      if (next !== undefined) expect(e.i).toBeLessThan(next.i);
    }
    expect(replayExploration(cex.lines, file).identical).toBe(true);
  });

  it('a counterexample from before detail levels (no detail, no network events) still replays byte for byte', () => {
    const { scenario, config, file } = fixture('keyed-flood-3x1');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { drop: 1 }), false);
    const r = explore(scenario, withBudgets(config, { drop: 1 }));
    const outcome = replayChoices(model, r.counterexample!.choices);
    const old = pathTraceLines(model, outcome.state, { timeUnit: 'step' }, 'app');
    expect(old[0]).not.toContain('"detail"');
    expect(old.some((l) => l.includes('"type":"choice"') || l.includes('"type":"send"'))).toBe(false);
    expect(replayExploration(old, file).identical).toBe(true);
  });

  it('the dropped message: its drop (reason loss) names the frame its send named, and no recv does', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const r = explore(scenario, withBudgets(config, { drop: 1 }));
    const events = parse(r.counterexample!.lines);
    const drops = events.filter((e) => e.type === 'drop');
    expect(drops).toHaveLength(1);
    const drop = drops[0]!;
    expect(drop.reason).toBe('loss');
    const send = events.find((e) => e.type === 'send' && e.net === drop.net)!;
    expect([send.node, send.to]).toEqual([drop.from, drop.node]);
    expect(events.some((e) => e.type === 'recv' && e.net === drop.net)).toBe(false);
    // Every delivered message was received first, under a name some send gave it.
    const sent = new Set(events.filter((e) => e.type === 'send').map((e) => e.net));
    for (const recv of events.filter((e) => e.type === 'recv')) expect(sent.has(recv.net)).toBe(true);
    // The checkers see the same violation with the network events in the trace.
    expect(checkEvents(events as unknown as TraceEvent[]).violations.map((v) => v.property)).toContain('delivery-liveness');
  });

  it('ISIS: frames carry the protocol\'s kinds and keys (a leave: flush, install), none reads as a bare msg', () => {
    const { scenario, config } = shipped('isis-crash-3x0');
    const model = new ExploreModel(resolveProtocol(scenario), scenario, withBudgets(config, { crash: 0, leave: 1 }), false);
    const choices = ['leave p3'];
    let outcome = replayChoices(model, choices);
    for (let k = 0; k < 200; k++) {
      const actions = model.enabled(outcome.state).filter((a) => a.kind === 'deliver');
      if (actions.length === 0) break;
      choices.push(model.label(outcome.state, actions[0]!));
      outcome = replayChoices(model, choices);
    }
    const events = parse(pathTraceLines(model, outcome.state));
    const kinds = new Set(events.filter((e) => e.type === 'send').map((e) => e.kind));
    expect(kinds.has('flush')).toBe(true);
    expect(kinds.has('install')).toBe(true);
    expect(kinds.has('msg')).toBe(false);
    const install = events.find((e) => e.type === 'send' && e.kind === 'install')!;
    expect(install.key).toMatch(/^v\d+$/);
    expect(events.filter((e) => e.type === 'recv')).toHaveLength(choices.length - 1);
  });

  it('app events of a counterexample are those the search judged, in order', () => {
    const { scenario, config } = fixture('keyed-flood-3x1');
    const r = explore(scenario, withBudgets(config, { partition: 1 }));
    const events = parse(r.counterexample!.lines);
    const app = events.filter((e) => !isNetworkEvent(e)).map((e) => e.type);
    expect(app).toContain('partition');
    expect(app).toContain('heal');
    expect(events.filter((e) => e.type === 'drop').every((d) => d.reason === 'cut' || d.reason === 'loss')).toBe(true);
  });
});
