import { describe, expect, it } from 'vitest';
import { RequestLedger, REQUEST_DROPPED_NOTE } from '../../sim/request-ledger.ts';
import { runScenario } from '../../sim/run.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const multicast = { type: 'multicast', order: 'fifo', payload: { key: 'k0', value: 1 } } as const;

describe('RequestLedger', () => {
  it('counts a bcast or a request-dropped note as the answer to one multicast request', () => {
    const ledger = new RequestLedger();
    ledger.requested('p1', multicast);
    ledger.requested('p1', multicast);
    ledger.requested('p1', { type: 'leave' });
    ledger.recorded({ type: 'bcast', t: 1, node: 'p1', msg: 'm1', order: 'fifo', view: 1 });
    expect(ledger.unanswered(['p1'])).toMatch(/^requests lost: p1 was asked for 2 multicasts and multicast or refused 1/);
    ledger.recorded({ type: 'note', t: 2, node: 'p1', text: REQUEST_DROPPED_NOTE });
    expect(ledger.unanswered(['p1'])).toBeNull();
  });

  it('judges only the processes live at the end, and other notes answer nothing', () => {
    const ledger = new RequestLedger();
    ledger.requested('p2', multicast);
    ledger.recorded({ type: 'note', t: 1, node: 'p2', text: 'tick' });
    expect(ledger.unanswered(['p1'])).toBeNull();
    expect(ledger.unanswered(['p1', 'p2'])).not.toBeNull();
  });
});

describe('runScenario: requests the protocol never multicast', () => {
  // A fixed delay, so that the flood protocol (no ordering of its own) keeps FIFO order and violates nothing.
  const scenario = baseScenario({
    durationUs: 200_000,
    network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  });

  it('passes a protocol that multicasts every request', () => {
    const r = runScenario(scenario, { seed: '1', protocol: floodProtocol() });
    expect(r.quiescent).toBe(true);
    expect(r.failure).toBeNull();
  });

  it('fails a quiescent run in which a live process silently dropped requests, though no property is violated', () => {
    const flood = floodProtocol();
    // Every other request is lost before it is multicast: the trace holds fewer multicasts, all delivered.
    let asked = 0;
    const lossy = { ...flood, onRequest: (...args: Parameters<typeof flood.onRequest>) => (++asked % 2 === 0 ? { state: args[0], effects: [] } : flood.onRequest(...args)) };
    const r = runScenario(scenario, { seed: '1', protocol: lossy });
    expect(r.violations).toEqual([]);
    expect(r.passed).toBe(false);
    expect(r.failure).toMatch(/^requests lost: p\d was asked for \d+ multicasts and multicast or refused \d+ by the end of a quiescent run$/);
  });
});
