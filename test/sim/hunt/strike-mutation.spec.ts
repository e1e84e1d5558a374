// The hunt's strike mutation adds one of the generator's strikes to a kept
// scenario, valid, within the scenario's budget of hosts to take out.
import { describe, expect, it } from 'vitest';
import { addStrike, addStrikes, hostsTakenOut, MAX_LOSS_FOR_LEAVES, takenOut } from '../../../sim/hunt/strike-mutation.ts';
import { Rng } from '../../../sim/rng.ts';
import { isValidScenario } from '../../../scenarios/validate.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';
import { STRIKES } from '../../../scenarios/strikes.ts';

const [steady, partitioned] = loadScenarios(['scenarios/isis-steady-load.json', 'scenarios/isis-minority-partition.json']).map((l) => l.forSeed(1));

describe('strike mutation', () => {
  it.each(STRIKES)('%s: adds a valid strike to a scenario with room for it, saying what', (kind) => {
    const rng = new Rng(`strike-mutation/${kind}`);
    for (let k = 0; k < 20; k++) {
      const made = addStrike(structuredClone(steady!), rng, kind);
      expect(made).not.toBeNull();
      expect(made!.what).toMatch(/^strike /);
      expect(isValidScenario(made!.scenario)).toBe(true);
      // Faults added, or (the late join) a join.
      const entries = (x: typeof steady): number => (x!.faults?.schedule?.length ?? 0) + (x!.workload.joins?.length ?? 0);
      expect(entries(made!.scenario)).toBeGreaterThan(entries(steady));
    }
  });

  it('counts what a scenario already takes out, and drops some of it to make room rather than go past the budget', () => {
    expect(takenOut(steady!)).toBe(0);
    expect(takenOut(partitioned!)).toBe(Number.POSITIVE_INFINITY);
    const rng = new Rng('full');
    for (const kind of STRIKES) {
      const made = addStrike(structuredClone(partitioned!), rng, kind);
      expect(made).not.toBeNull();
      // A strike timed in steps clears the whole stage instead.
      expect(made!.what).toMatch(/take-outs? dropped for it|stage cleared/);
      // The scenario's own split is gone (a split strike brings one of its own).
      const own = JSON.stringify(partitioned!.faults!.schedule!.find((f) => f.type === 'partition'));
      expect(made!.scenario.faults!.schedule!.map((f) => JSON.stringify(f))).not.toContain(own);
      expect(isValidScenario(made!.scenario)).toBe(true);
    }
  });

  it('draws a strike\'s hosts among those the scenario does not already take out', () => {
    const s = structuredClone(steady!);
    s.faults = { ...s.faults, schedule: [{ type: 'crash', host: 'coordinator', atUs: 100_000 }] };
    expect(hostsTakenOut(s)).toEqual(['p1']);
    expect(hostsTakenOut(steady!)).toEqual([]);
    const rng = new Rng('taken');
    for (let k = 0; k < 10; k++) {
      // The long isolation of the coordinator takes the oldest free host: the crashed one's successor.
      const made = addStrike(structuredClone(s), rng, 'longIsolation', 'coordinator')!;
      expect(made.what).toMatch(/isolate p2 /);
      expect(addStrike(structuredClone(steady!), rng, 'longIsolation', 'coordinator')!.what).toMatch(/isolate p1 /);
    }
  });

  it('stages no strike with leaves on a network lossier than MAX_LOSS_FOR_LEAVES (a lost acceptance blocks the group there: a documented limit)', () => {
    const lossy = structuredClone(steady!);
    lossy.network = { ...lossy.network, lossProbability: 0.3 };
    const rng = new Rng('lossy');
    for (let k = 0; k < 10; k++) {
      expect(addStrike(structuredClone(lossy), rng, 'leavesMeetCrash', 'crash-at-boundary')).toBeNull();
      expect(addStrike(structuredClone(lossy), rng, 'leaveUnderSuspicion', 'lossy-leavers')).toBeNull();
      const mixed = addStrikes(structuredClone(lossy), rng, [{ kind: 'leavesMeetCrash', variant: 'crash-at-boundary' }, { kind: 'joinAtLastWrites', variant: 'one-joiner' }])!;
      expect(mixed.keys).toEqual(['joinAtLastWrites/one-joiner']);
      expect(addStrike(structuredClone(lossy), rng, 'longIsolation', 'member')).not.toBeNull();
    }
    const edge = structuredClone(steady!);
    edge.network = { ...edge.network, lossProbability: MAX_LOSS_FOR_LEAVES };
    expect(addStrike(edge, rng, 'leavesMeetCrash', 'crash-at-boundary')).not.toBeNull();
  });

  it('stages a cut at the sequencer on a network 1.5 to 3 times slower (at most 8 ms a flight); other strikes keep the network', () => {
    const rng = new Rng('slowed');
    const mean = steady!.network.delay.meanUs;
    for (const cut of ['isolate', 'mute', 'deadLink', 'crash']) {
      const made = addStrike(structuredClone(steady!), rng, 'cutAtNote', `sequencer-after-order/${cut}`)!;
      const slowed = made.scenario.network.delay.meanUs;
      expect(slowed).toBeLessThanOrEqual(Math.max(mean, 8_000));
      if (mean * 1.5 <= 8_000) expect(slowed).toBeGreaterThanOrEqual(Math.floor(mean * 1.5));
      expect(made.what).toMatch(/network \d\.\dx slower/);
      const other = addStrike(structuredClone(steady!), rng, 'cutAtNote', `provider-mid-transfer/${cut}`)!;
      expect(other.scenario.network).toEqual(steady!.network);
    }
  });

  it('stages several strikes in one scenario: different hosts, different parts of the fault phase, within the budget', () => {
    const rng = new Rng('several');
    for (let k = 0; k < 20; k++) {
      const made = addStrikes(structuredClone(partitioned!), rng, [
        { kind: 'longIsolation', variant: 'member' }, { kind: 'competingCoordinators', variant: 'even' }, { kind: 'joinAtLastWrites', variant: 'one-joiner' },
      ])!;
      expect(made.keys).toEqual(['longIsolation/member', 'competingCoordinators/even', 'joinAtLastWrites/one-joiner']);
      expect(made.what).toMatch(/^strikes .*; .*; join /);
      expect(isValidScenario(made.scenario)).toBe(true);
      expect(takenOut(made.scenario)).toBeLessThanOrEqual(Math.floor((partitioned!.processes - 1) / 2));
      const schedule = made.scenario.faults!.schedule!;
      const isolation = schedule.find((f) => f.type === 'isolate')!;
      const coordinators = schedule.find((f) => f.type === 'link' && f.atUs !== undefined && f.from !== isolation.host && f.to !== isolation.host)!;
      // The first strike starts in the first half of [0.05, 0.85] of the fault phase, the second in the other.
      expect(isolation.atUs!).toBeLessThanOrEqual(0.45 * partitioned!.durationUs + 1);
      expect(coordinators.atUs!).toBeGreaterThanOrEqual(Math.floor(0.45 * partitioned!.durationUs));
      // The join comes at the end of the fault phase the long isolation stretched.
      const join = made.scenario.workload.joins!.at(-1)!;
      expect(join.atUs).toBeGreaterThan(isolation.atUs! + 3_700_000);
    }
  });

  it('leaves out a strike that does not fit with those before it (a low load where one raised it), and is one strike\'s draw for one pick', () => {
    const made = addStrikes(structuredClone(steady!), new Rng('clash'), [{ kind: 'slowLinkUnderLoad', variant: 'member' }, { kind: 'longIsolation', variant: 'member' }])!;
    expect(made.keys).toEqual(['slowLinkUnderLoad/member']);
    const one = addStrikes(structuredClone(steady!), new Rng('one'), [{ kind: 'noMajoritySplit', variant: 'halves' }]);
    expect(one).toEqual(addStrike(structuredClone(steady!), new Rng('one'), 'noMajoritySplit', 'halves'));
  });

  it('leaves a scenario with room for the strike as it was, the strike added', () => {
    const made = addStrike(structuredClone(steady!), new Rng('room'), 'competingCoordinators')!;
    expect(made.what).not.toMatch(/dropped/);
    expect(made.scenario.faults!.schedule!.slice(0, steady!.faults?.schedule?.length ?? 0)).toEqual(steady!.faults?.schedule ?? []);
  });

  it('clears the stage for a strike timed in steps: no other scheduled fault, join, leave or random fault', () => {
    const noisy = loadScenarios(['scenarios/isis-uniform.json'])[0]!.forSeed(4);
    expect(noisy.faults?.random).toBeDefined();
    const made = addStrike(structuredClone(noisy), new Rng('stage'), 'competingCoordinators', 'staggered')!;
    expect(made.what).toMatch(/stage cleared/);
    expect(made.scenario.faults?.random).toBeUndefined();
    expect(made.scenario.workload.leaves).toBeUndefined();
    // Only the strike's own links are left: the two coordinators' steady links, their slow one, the reset.
    expect(made.scenario.faults!.schedule!.every((f) => f.type === 'link' || f.type === 'link-reset')).toBe(true);
    expect(isValidScenario(made.scenario)).toBe(true);
  });

  it('adds the variant it is asked for, and names it by its kind/variant key', () => {
    const made = addStrike(structuredClone(steady!), new Rng('named'), 'cutAtNote', 'sequencer-after-order/deadLink');
    expect(made!.keys).toEqual(['cutAtNote/sequencer-after-order/deadLink']);
    expect(made!.what).toMatch(/^strike dead link sequencer->/);
  });

  it('is deterministic for a seed', () => {
    const a = addStrike(structuredClone(steady!), new Rng('d'));
    const b = addStrike(structuredClone(steady!), new Rng('d'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
