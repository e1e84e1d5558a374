// The fault vocabulary (sim/faults/): every reader takes its list of kinds
// from the tables, and each kind's parts agree with one another.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXPLORE_BUDGETS,
  FAULT_IDS,
  FAULTS,
  hostsOut,
  RANDOM_FAULT_KEYS,
  RANDOM_FAULTS,
  SCHEDULED_FAULT_TYPES,
  SCHEDULED_FAULTS,
  takesHostOut,
  type RandomDrawContext,
} from '../../../sim/faults/index.ts';
import { FAULT_CHOICE_ORDER } from '../../../sim/explore/actions.ts';
import { FAULT_KINDS, parseBudgetFlag, parseExploreConfig } from '../../../sim/explore/config.ts';
import { Rng } from '../../../sim/rng.ts';
import { ALL_FAULT_TYPES, faultScheduleArb } from '../../../scenarios/arbitraries/index.ts';
import { MEMBERSHIP_EVENTS } from '../../../scenarios/membership-plan.ts';
import type { ScheduledFault } from '../../../scenarios/types.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { NETWORK_EVENT_TYPES } from '../../../traces/schema.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

const validWith = (schedule: ScheduledFault[]): unknown => JSON.parse(JSON.stringify(baseScenario({ faults: { schedule } })));
const problemOf = (value: unknown): string => {
  try {
    validateScenario(value, 's.json');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('the fault vocabulary', () => {
  it('has one entry per kind, keyed by its id', () => {
    expect(Object.keys(FAULTS)).toEqual([...FAULT_IDS]);
    for (const id of FAULT_IDS) expect(FAULTS[id].id).toBe(id);
  });

  it('the validator accepts exactly the schedule types of the table, and lists them when one is wrong', () => {
    expect(ALL_FAULT_TYPES).toEqual(SCHEDULED_FAULT_TYPES);
    expect(SCHEDULED_FAULT_TYPES).toEqual(['crash', 'restart', 'partition', 'isolate', 'heal', 'link', 'link-reset']);
    expect(problemOf(validWith([{ type: 'melt', atUs: 1, host: 'p1' } as unknown as ScheduledFault]))).toBe(
      's.json: faults.schedule[0].type: expected one of "crash", "restart", "partition", "isolate", "heal", "link", "link-reset", got "melt"',
    );
    // The unknown-field message lists every type's fields after the common ones, in table order.
    expect(problemOf(validWith([{ type: 'heal', atUs: 1, colour: 'red' } as unknown as ScheduledFault]))).toBe(
      's.json: faults.schedule[0].colour: unknown field, expected one of type, atUs, onNote, at, host, groups, from, to, bidirectional, delay, lossProbability, duplicateProbability',
    );
  });

  it("every drawn schedule entry passes the validator unchanged (each type's arbitrary and reader agree)", () => {
    for (const type of SCHEDULED_FAULT_TYPES) {
      const drawn = fc.sample(faultScheduleArb({ processes: 3, durationUs: 1_000_000, types: [type], noteTriggers: false, roles: false, maxFaults: 4 }), { seed: 7, numRuns: 20 }).flat();
      expect(drawn.length).toBeGreaterThan(0);
      for (const fault of drawn) {
        expect(fault.type).toBe(type);
        const scenario = validateScenario(validWith([fault]), 's.json');
        expect(scenario.faults?.schedule).toEqual([fault]);
        // What the driver leaves room for is what keepMajority counts (a partition is counted by its sides only).
        if (takesHostOut(fault)) expect(hostsOut(fault, { processes: 3, slot: (t) => t })).not.toBeNull();
      }
    }
  });

  it('the validator accepts exactly the random kinds of the table', () => {
    expect(RANDOM_FAULT_KEYS).toEqual(['crash', 'restart', 'partition', 'heal', 'slowLink', 'lossyLink']);
    const random = { meanIntervalUs: 1000, kinds: { drizzle: 1 } };
    expect(problemOf(JSON.parse(JSON.stringify(baseScenario({ faults: { random: random as never } }))))).toBe(
      's.json: faults.random.kinds.drizzle: unknown field, expected one of crash, restart, partition, heal, slowLink, lossyLink',
    );
  });

  it("each random kind's draw is a valid schedule entry, and it is possible only when it can happen", () => {
    const rng = new Rng('vocabulary');
    const c: RandomDrawContext = {
      rng,
      spec: { meanIntervalUs: 1000, kinds: {} },
      hosts: ['p1', 'p2', 'p3'],
      up: ['p1', 'p2'],
      restartable: ['p3'],
      room: 1,
      partitionRoom: 1,
      partitioned: true,
      downIgnoringCuts: () => new Set(['p3']),
    };
    for (const key of RANDOM_FAULT_KEYS) {
      const part = RANDOM_FAULTS[key];
      expect(part.key).toBe(key);
      expect(part.possible(c)).toBe(true);
      const fault = part.draw(c);
      expect(validateScenario(validWith([{ ...fault, atUs: 5 }]), 's.json').faults?.schedule?.[0]).toEqual({ atUs: 5, ...fault });
    }
    const none: RandomDrawContext = { ...c, hosts: ['p1'], up: ['p1'], restartable: [], room: 0, partitionRoom: 0, partitioned: false };
    expect(RANDOM_FAULT_KEYS.filter((k) => RANDOM_FAULTS[k].possible(none))).toEqual([]);
  });

  it("the explorer's budgets are the table's, in the header's order, with their old names and synonyms", () => {
    expect(FAULT_KINDS).toEqual(Object.keys(EXPLORE_BUDGETS));
    expect(FAULT_KINDS).toEqual(['crash', 'restart', 'partition', 'drop', 'suspicion', 'duplicate', 'leave', 'join']);
    expect(parseBudgetFlag(['loss=2,crash=1'])).toEqual({ drop: 2, crash: 1 });
    expect(parseExploreConfig({ crashes: 1, joins: 2, drops: 1 }, 'f.json').budgets).toMatchObject({ crash: 1, join: 2, drop: 1 });
    for (const key of FAULT_KINDS) expect(EXPLORE_BUDGETS[key].key).toBe(key);
  });

  it('the explorer offers a choice of every kind that has an explorer part, each once (suspicions with the detector)', () => {
    const explored = FAULT_IDS.filter((id) => FAULTS[id].explore !== null && FAULTS[id].explore?.choices !== 'each-false-suspicion');
    expect([...FAULT_CHOICE_ORDER].sort()).toEqual([...explored].sort());
    expect(new Set(FAULT_CHOICE_ORDER).size).toBe(FAULT_CHOICE_ORDER.length);
  });

  it("every membership event of the generators names a kind, and every kind's trace events are ones traces have", () => {
    const events = new Set(FAULT_IDS.map((id) => FAULTS[id].membershipEvent).filter((e) => e !== null));
    expect([...events].sort()).toEqual([...MEMBERSHIP_EVENTS].sort());
    const app = ['start', 'view', 'bcast', 'deliver', 'crash', 'exit', 'partition', 'heal', 'note'];
    for (const id of FAULT_IDS) {
      for (const type of FAULTS[id].traceEvents.timed) expect([...app, ...NETWORK_EVENT_TYPES]).toContain(type);
      // The explorer writes its own `drop`, `duplicate` and `suspect` (docs/explore.md).
      for (const type of FAULTS[id].traceEvents.explored) expect([...app, 'drop', 'duplicate', 'suspect']).toContain(type);
    }
  });

  it('every schedule type belongs to exactly one kind', () => {
    const owners = FAULT_IDS.flatMap((id) => (FAULTS[id].scheduled === null ? [] : [FAULTS[id].scheduled!.type]));
    expect(owners.sort()).toEqual([...SCHEDULED_FAULT_TYPES].sort());
    for (const type of SCHEDULED_FAULT_TYPES) expect(SCHEDULED_FAULTS[type].type).toBe(type);
  });
});
