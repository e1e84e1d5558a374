// Reverse conformance: every explorer path, given times, replays in
// sim/system (the timed simulator's step semantics, driven by the replay
// scheduler) and gives the same trace events, modulo time. Paths are random
// walks over the explorer's choices (fast-check picks each choice and each
// time step) on small configurations with every fault kind the explorer
// has, and the counterexamples the explorer finds.
// The explorer's own event kinds `suspect`, `drop` and `duplicate` have no
// app-detail counterpart in timed traces (there they are network events,
// written at `net`), and a partition event names every host of each side
// in explored paths but only the live process of each in timed ones: the
// comparison tells the explored one as the timed one would (see
// docs/explore.md, "Conformance").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { staleStateTransfer } from '../../../protocol/mutants/stale-state-transfer.ts';
import type { AnyProtocol } from '../../../protocol/types.ts';
import { explore } from '../../../sim/explore/index.ts';
import type { ExploreConfig } from '../../../sim/explore/config.ts';
import { withBudgets } from '../../../sim/explore/config.ts';
import { hostOf, type Action } from '../../../sim/explore/actions.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { LIVE, type GlobalState } from '../../../sim/explore/state.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { ExploredPathReplay } from '../../../sim/system/explored-path.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import type { TraceEvent, UnnumberedEvent } from '../../../traces/schema.ts';
import { fixture, shipped } from '../explore/helpers.ts';

/** Event types an explored path writes that a timed trace writes only at `net` detail. */
const EXPLORER_ONLY = new Set(['suspect', 'drop', 'duplicate']);

/** An event without its time and number. */
function modTime(e: TraceEvent | UnnumberedEvent): string {
  const { t: _t, i: _i, ...rest } = e as unknown as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * An explored partition event names the hosts of each side; a timed one the
 * live process of each host (sim/system/system.ts): the same cut, told as
 * the timed trace tells it in state `s`.
 */
function asTimedPartition(e: TraceEvent, s: GlobalState): TraceEvent {
  if (e.type !== 'partition') return e;
  const live = (host: string): string[] => {
    const current = [...s.procs].reverse().find((p) => hostOf(p.pid) === host);
    return current !== undefined && current.status === LIVE ? [current.pid] : [];
  };
  return { ...e, groups: (e as unknown as { groups: string[][] }).groups.map((g) => g.flatMap(live)) } as TraceEvent;
}

interface Compared {
  explored: string[];
  timed: string[];
  steps: number;
  times: number[];
}

/** Walks `pick` through the explorer from its initial state and replays every step in sim/system at increasing times. */
function walk(protocol: AnyProtocol, scenario: Scenario, config: ExploreConfig, pick: (enabled: Action[], s: GlobalState) => Action | null, gapsUs: readonly number[]): Compared {
  const model = new ExploreModel(protocol, scenario, config, false);
  const timedEvents: UnnumberedEvent[] = [];
  const replay = new ExploredPathReplay(protocol, config, (e) => timedEvents.push(e));
  let s = model.initial();
  let t = 0;
  const times: number[] = [];
  replay.start(s, t);
  const exploredEvents: TraceEvent[] = [...s.trail.events];
  let steps = 0;
  for (; steps < 200; steps++) {
    const a = pick(model.enabled(s), s);
    if (a === null) break;
    t += gapsUs[steps % Math.max(1, gapsUs.length)] ?? 1;
    times.push(t);
    const next = model.step(s, a);
    replay.step(s, a, next, t);
    exploredEvents.push(...next.trail.events.map((e) => asTimedPartition(e, s)));
    s = next;
  }
  return {
    explored: exploredEvents.filter((e) => !EXPLORER_ONLY.has(e.type)).map(modTime),
    timed: timedEvents.map(modTime),
    steps,
    times,
  };
}

/** A random walk: the k-th draw picks among the enabled actions. */
function randomPicker(draws: readonly number[]): (enabled: Action[]) => Action | null {
  let k = 0;
  return (enabled) => {
    if (enabled.length === 0 || k >= draws.length) return null;
    return enabled[(draws[k++] as number) % enabled.length] ?? null;
  };
}

const everyFault = { crash: 1, restart: 1, join: 1, leave: 1, drop: 1, duplicate: 1, partition: 1 };

const configs: { name: string; load: () => { scenario: Scenario; config: ExploreConfig } }[] = [
  { name: 'ISIS 3x1, every explored fault kind', load: () => {
    const { scenario, config } = shipped('isis-crash-3x1');
    return { scenario, config: withBudgets(config, everyFault) };
  } },
  { name: 'ISIS join+crash 2+1', load: () => shipped('isis-join-crash-2p1') },
  { name: 'ISIS restart 3x1, unreliable detector', load: () => {
    const { scenario, config } = shipped('isis-restart-3x1');
    return { scenario, config: withBudgets({ ...config, failureDetector: 'unreliable' }, { suspicion: 1, drop: 1, duplicate: 1 }) };
  } },
  { name: 'CBCAST 3x1 with loss, duplication and a cut', load: () => {
    const { scenario, config } = fixture('cbcast-3x1');
    return { scenario, config: withBudgets(config, { drop: 1, duplicate: 1, partition: 1, crash: 1 }) };
  } },
];

describe('every explorer path, given times, replays in sim/system with the same events', () => {
  for (const { name, load } of configs) {
    const { scenario, config } = load();
    const protocol = resolveProtocol(scenario);
    test.prop([fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 8 })], {
      numRuns: 25,
    })(`${name}: random walks`, (draws, gapsUs) => {
      const r = walk(protocol, scenario, config, randomPicker(draws), gapsUs);
      expect(r.timed).toEqual(r.explored);
      // The times were given: strictly increasing.
      for (let k = 1; k < r.times.length; k++) expect(r.times[k]).toBeGreaterThan(r.times[k - 1] as number);
    });
  }

  it('walks reach every explored fault kind (the property is not vacuous)', () => {
    const { scenario, config } = configs[0]!.load();
    const protocol = resolveProtocol(scenario);
    const kinds = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const draws = fc.sample(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), { seed, numRuns: 1 })[0]!;
      const picker = randomPicker(draws);
      walk(protocol, scenario, config, (enabled, s) => {
        const a = picker(enabled);
        if (a !== null) kinds.add(a.kind);
        return a;
      }, [1000]);
    }
    for (const kind of ['request', 'deliver', 'crash', 'restart', 'join', 'leave', 'drop', 'duplicate', 'partition', 'heal', 'suspect']) expect(kinds).toContain(kind);
  });

  it('a replay that diverges is caught: a message the system never sent is refused', () => {
    const { scenario, config } = configs[3]!.load();
    const protocol = resolveProtocol(scenario);
    const model = new ExploreModel(protocol, scenario, config, false);
    const replay = new ExploredPathReplay(protocol, config, () => {});
    const s0 = model.initial();
    replay.start(s0, 0);
    const request = model.enabled(s0).find((a) => a.kind === 'request')!;
    const s1 = model.step(s0, request);
    // Skipping the request in the replay: the explorer's multicast copies have no send.
    const deliver = model.enabled(s1).find((a) => a.kind === 'deliver')!;
    const s2 = model.step(s1, deliver);
    expect(() => replay.step(s1, deliver, s2, 2)).toThrow(/no send/);
  });

  it("the stale-state-transfer mutant's counterexample on isis-join-crash-2p1 replays with the same events", () => {
    const { scenario, config } = shipped('isis-join-crash-2p1');
    const protocol = staleStateTransfer.factory(scenario.protocol.options ?? {});
    const r = explore(scenario, withBudgets(config, { crash: 0 }), { protocol });
    expect(r.result).toBe('violated');
    const labels = r.counterexample!.choices;
    const model = new ExploreModel(protocol, scenario, withBudgets(config, { crash: 0 }), false);
    let k = 0;
    const walked = walk(protocol, scenario, withBudgets(config, { crash: 0 }), (enabled, s) => {
      if (k >= labels.length) return null;
      const label = labels[k++];
      const a = enabled.find((x) => model.label(s, x) === label);
      if (a === undefined) throw new Error(`no enabled action ${label}`);
      return a;
    }, [700, 1300]);
    expect(walked.steps).toBe(labels.length);
    expect(walked.timed).toEqual(walked.explored);
  });
});
