// One source of truth for roles: a fault the scenario aims at a role (the
// fault driver resolves it during the run, sim/roles.ts) is the fault the
// coverage facts, rebuilt from the trace alone (sim/coverage/roles.ts), say
// hit that role. The hunt aims faults at roles and counts these facts as
// new coverage, so the two must agree.
import { describe, expect, it } from 'vitest';
import { RunFacts } from '../../sim/coverage/trace-facts.ts';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import type { ProcessRole, Scenario, ScheduledFault } from '../../scenarios/types.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { TraceEvent } from '../../traces/schema.ts';

const LEAVE = { atUs: 150_000, host: 'p4' };
const JOIN_US = 200_000;

function isis(fault: ScheduledFault): Scenario {
  return validateScenario(JSON.parse(JSON.stringify({
    name: 'aimed',
    description: 'one fault aimed at a role',
    processes: 5,
    protocol: { name: 'isis' },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 300 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 1, total: 1 }, leaves: [LEAVE], joins: [{ atUs: JOIN_US }] },
    faults: { schedule: [fault] },
    durationUs: 600_000,
    settleUs: 3_000_000,
    seeds: [1],
  })), 'aimed');
}

/** The run's trace events, and the fault-role facts the coverage reads from them. */
function runAndRead(scenario: Scenario, seed: string): { events: TraceEvent[]; faultRoles: string[] } {
  const sink = new MemoryTraceSink();
  runScenario(scenario, { seed, traceSink: sink });
  const events = sink.lines.slice(1).map((l) => JSON.parse(l) as TraceEvent);
  const facts = new RunFacts(scenario.workload.leaves ?? [], scenario.processes);
  for (const e of events) facts.observe(e);
  return { events, faultRoles: [...facts.facts.keys()].filter((k) => k.startsWith('fault-role: ')) };
}

/** When to aim at each role so that someone holds it: the leaver between its request and its exit, the joiner while it joins, the provider after it admitted the joiner. */
const AIM_US: Record<ProcessRole, readonly number[]> = {
  coordinator: [50_000, 400_000],
  sequencer: [50_000, 400_000],
  leaver: [LEAVE.atUs, LEAVE.atUs + 300],
  joiner: [JOIN_US, JOIN_US + 500],
  provider: [JOIN_US + 200, 450_000],
};

const ROLES = Object.keys(AIM_US) as ProcessRole[];

describe('roles: the fault driver and the coverage facts agree', () => {
  for (const role of ROLES) {
    it(`a crash aimed at the ${role} counts as "crash x ${role}"`, () => {
      let fired = 0;
      for (const atUs of AIM_US[role]) {
        for (const seed of ['1', '2']) {
          const { events, faultRoles } = runAndRead(isis({ type: 'crash', host: role, atUs }), seed);
          const crashes = events.filter((e) => e.type === 'crash');
          expect(crashes.length, `${role} at ${atUs} seed ${seed}`).toBeLessThanOrEqual(1);
          if (crashes.length === 0) continue;
          fired++;
          expect(crashes[0]!.t).toBe(atUs);
          expect(faultRoles, `${role} at ${atUs} seed ${seed}: crashed ${String((crashes[0] as { node?: string }).node)}`).toContain(`fault-role: crash x ${role}`);
        }
      }
      // Each role is held at some aimed time: the check above ran.
      expect(fired).toBeGreaterThan(0);
    });
  }

  it('an isolation aimed at a role counts as a partition hitting that role', () => {
    for (const role of ROLES) {
      const { events, faultRoles } = runAndRead(isis({ type: 'isolate', host: role, atUs: AIM_US[role][1]! }), '1');
      if (!events.some((e) => e.type === 'partition')) continue;
      expect(faultRoles, role).toContain(`fault-role: partition x ${role}`);
    }
  });

  it('a crash of a plain member counts as "crash x member", not as a role', () => {
    const { faultRoles } = runAndRead(isis({ type: 'crash', host: 'p3', atUs: 50_000 }), '1');
    expect(faultRoles).toEqual(['fault-role: crash x member']);
  });
});
