// Proof that a failure comes with its causes: a failing suite run on a lossy
// network writes a full-detail trace in which the message a process never
// received has its send and its drop (reason loss), under one net name, and
// no recv; the violations are those of the app-level run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerProtocol } from '../../../protocol/registry.ts';
import { executeRun } from '../../../sim/suite/execute.ts';
import { runScenario } from '../../../sim/run.ts';
import { isNetworkEvent } from '../../../traces/schema.ts';
import { floodProtocol } from '../../fixtures/flood-protocol.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

type Line = Record<string, unknown> & { type: string; i: number; t: number };

// The flood protocol sends each multicast once, with no retransmission: one lost frame is a missed delivery.
registerProtocol('test-flood-described', () => ({
  ...floodProtocol(),
  name: 'test-flood-described',
  describeMessage: (m: { id: string }) => ({ kind: 'mc', key: m.id }),
}));

const lossy = baseScenario({
  name: 'lossy-flood',
  protocol: { name: 'test-flood-described' },
  network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0.2, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 20, orders: { fifo: 1, causal: 0, total: 0 } },
});

describe('a failing suite run writes its trace at full detail', () => {
  it("the lost message's drop is there, its net matching the send, and the violations are the app run's", () => {
    const outDir = mkdtempSync(join(tmpdir(), 'vsynclab-detail-'));
    const outcome = executeRun({ index: 0, file: 'lossy-flood.json', scenario: lossy, seed: 1, stopOnViolation: false, plugins: [], outDir });
    expect(outcome.result.passed).toBe(false);
    expect(outcome.result.warnings).toEqual([]);
    const text = readFileSync(outcome.tracePath!, 'utf8').trim().split('\n');
    expect(JSON.parse(text[0]!)).toMatchObject({ detail: 'full' });
    const events = text.slice(1).map((l) => JSON.parse(l) as Line);

    // The violations, at app detail, name the same events once the network events are taken out.
    const app = runScenario(lossy, { seed: '1', detail: 'app' });
    const appIndexOf = new Map(events.filter((e) => !isNetworkEvent(e)).map((e, k) => [e.i, k]));
    expect(outcome.result.violations.map((v) => ({ ...v, events: v.events.map((i) => appIndexOf.get(i)) })))
      .toEqual(app.violations.map((v) => ({ ...v })));

    // Each "never received" cause is explained: a send of that message to that process, its drop by loss, no recv.
    const causes = (outcome.result.violations as { cause?: string }[]).map((v) => v.cause).filter((c): c is string => c !== undefined);
    expect(causes.length).toBeGreaterThan(0);
    for (const cause of new Set(causes)) {
      const [, receiver, msg] = /^(\S+) never received (\S+)$/.exec(cause)!;
      const send = events.find((e) => e.type === 'send' && e.to === receiver && e.key === msg)!;
      expect(send).toBeDefined();
      const drop = events.find((e) => e.type === 'drop' && e.net === send.net)!;
      expect(drop).toMatchObject({ node: receiver, from: send.node, kind: 'mc', key: msg, reason: 'loss' });
      expect(events.some((e) => e.type === 'recv' && e.net === send.net)).toBe(false);
      expect(events.some((e) => e.type === 'deliver' && e.node === receiver && e.msg === msg)).toBe(false);
    }
  });

  it('a passing run writes no trace and is recorded at app detail', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'vsynclab-detail-'));
    const outcome = executeRun({ index: 0, file: 'x.json', scenario: { ...lossy, network: { ...lossy.network, lossProbability: 0 } }, seed: 1, stopOnViolation: false, plugins: [], outDir });
    expect(outcome.result.passed).toBe(true);
    expect(outcome.tracePath).toBeNull();
  });
});
