// The explorer judges the properties the protocol and the scenario promise,
// as a timed run does (sim/online-checker.ts promisedProperties), and writes
// that profile into the counterexample's header, so `check` and `replay`
// judge what the search judged. broken-cbcast breaks causal-order only.
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, checkEvents, type PropertyId } from '../../../checkers/index.ts';
import type { AnyProtocol } from '../../../protocol/types.ts';
import { explore } from '../../../sim/explore/index.ts';
import { replayExploration } from '../../../sim/explore/replay-exploration.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import { brokenCbcast } from './fixtures/broken-cbcast.ts';
import { fixture } from './helpers.ts';

const allBut = (...left: PropertyId[]): PropertyId[] => ALL_PROPERTIES.filter((id) => !left.includes(id));

// The whole space takes tens of seconds; the violation is found in far fewer states than this.
const BOUNDED = { maxStates: 3_000 };

function promising(properties: readonly PropertyId[]): AnyProtocol {
  return { ...brokenCbcast(), properties };
}

describe('explore judges the promised properties only', () => {
  it('finds the causal-order violation when causal-order is promised (all, by default)', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const r = explore(scenario, config, BOUNDED);
    expect(r.result).toBe('violated');
    expect(r.violation?.property).toBe('causal-order');
    // All promised: the header carries no profile, as a run's does not.
    expect(JSON.parse(r.counterexample!.lines[0]!)).not.toHaveProperty('properties');
  });

  it("a protocol that does not promise causal-order: no violation, as `run` would say", () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const r = explore(scenario, config, { ...BOUNDED, protocol: promising(allBut('causal-order')) });
    expect(r.violation).toBeNull();
    expect(r).toMatchObject({ result: 'unknown', bound: 'maxStates' });
  });

  it("a scenario's properties narrow the profile too", () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const r = explore({ ...scenario, properties: allBut('causal-order') }, config, BOUNDED);
    expect(r.violation).toBeNull();
    expect(r).toMatchObject({ result: 'unknown', bound: 'maxStates' });
  });

  it('the counterexample header names the profile; check and replay judge only it', () => {
    const { scenario, config } = fixture('broken-cbcast-3x2');
    const promised: PropertyId[] = ['causal-order', 'fifo-order', 'delivery-integrity'];
    const protocol = promising(promised);
    const r = explore(scenario, config, { ...BOUNDED, protocol });
    expect(r.violation?.property).toBe('causal-order');
    const lines = r.counterexample!.lines;
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    // In the checkers' order, as a run writes it (ALL_PROPERTIES order).
    expect(header.properties).toEqual(ALL_PROPERTIES.filter((id) => promised.includes(id)));
    const events = lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);
    const checked = checkEvents(events, { properties: header.properties as PropertyId[] });
    expect(checked.checked.every((id) => promised.includes(id))).toBe(true);
    expect(checked.violations.map((v) => v.property)).toContain('causal-order');
    const replayed = replayExploration(lines, 'cex.jsonl', { protocolFor: () => protocol });
    expect(replayed.identical).toBe(true);
    expect(replayed.result.checked.every((id) => (promised as string[]).includes(id))).toBe(true);
    expect(replayed.result.failure).toBe('violated: causal-order');
  });
});
