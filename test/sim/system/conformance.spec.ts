// Conformance: the timed simulator is only a scheduler. Its recorded
// choices, fed one by one to sim/system through a scheduler with no clock,
// no queue and no random streams, give the identical trace (every event but
// the final `end`, which is the timed scheduler's own verdict on quiescence).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';
import { runScenario } from '../../../sim/run.ts';
import { MemoryTraceSink } from '../../../sim/trace-sink.ts';
import { ChoiceReplay } from '../../../sim/system/choice-replay.ts';
import type { Choice } from '../../../sim/system/choice.ts';
import { scenarioArb } from '../../../scenarios/arbitraries/index.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import type { UnnumberedEvent } from '../../../traces/schema.ts';
import { numberEvent, serializeLine } from '../../../traces/serialize.ts';
import { REPO } from '../explore/helpers.ts';

interface Conformance {
  timed: string[];
  replayed: string[];
  choices: number;
}

function conformance(scenario: Scenario, seed: string): Conformance {
  const sink = new MemoryTraceSink();
  const choices: Choice[] = [];
  runScenario(scenario, { seed, traceSink: sink, checker: null, onChoice: (c) => choices.push(c) });
  // Without the header and the timed scheduler's `end`.
  const timed = sink.lines.slice(1).filter((line) => !line.startsWith('{"type":"end"'));
  const replayed: string[] = [];
  const replay = new ChoiceReplay(resolveProtocol(scenario), (e: UnnumberedEvent) => replayed.push(serializeLine(numberEvent(e, replayed.length))));
  for (const choice of choices) replay.take(choice);
  return { timed, replayed, choices: choices.length };
}

const shipped = (name: string): Scenario =>
  validateScenario(JSON.parse(readFileSync(join(REPO, 'scenarios', `${name}.json`), 'utf8')), name);

describe('the timed simulator is a scheduler over sim/system', () => {
  it.each([
    ['isis-steady-load', '1'],
    ['isis-member-crash', '2'],
    ['isis-voluntary-leave', '3'],
    ['isis-join-under-load', '1'],
    ['isis-random-faults', '1'],
  ])('%s seed %s: recorded choices replay to the identical trace', (name, seed) => {
    const r = conformance(shipped(name), seed);
    expect(r.choices).toBeGreaterThan(10);
    expect(r.timed.length).toBeGreaterThan(10);
    expect(r.replayed).toEqual(r.timed);
  });

  it('a choice that is not enabled is refused (the replay checks, it does not trust)', () => {
    const scenario = shipped('isis-steady-load');
    const replay = new ChoiceReplay(resolveProtocol(scenario), () => {});
    replay.take({ kind: 'start', t: 0, host: 'p1', start: { mode: 'member', initialMembers: ['p1'] } });
    expect(() => replay.take({ kind: 'timer', t: 1, process: 'p1', tag: 'no-such-timer' })).toThrow(/not enabled/);
    expect(() => replay.take({ kind: 'deliver', t: 1, message: 12345 })).toThrow(/not enabled/);
  });
});

describe('conformance on generated scenarios', () => {
  test.prop([scenarioArb({ processes: 4, durationUs: 300_000, settleUs: 1_000_000, maxFaults: 4, maxJoins: 1 }), fc.nat(1000)], {
    numRuns: 10,
  })('recorded choices replay to the identical trace', (scenario, seed) => {
    const r = conformance(scenario, String(seed));
    expect(r.replayed).toEqual(r.timed);
  });
});
