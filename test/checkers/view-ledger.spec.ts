import { describe, expect, it } from 'vitest';
import { ViewLedger } from '../../checkers/view-ledger.ts';
import type { LedgerEntry } from '../../checkers/view-ledger.ts';

const entry = (id: number): LedgerEntry => ({
  id,
  members: ['p1'],
  memberSet: new Set(['p1']),
  firstInstallI: id,
  firstInstaller: 'p1',
  majorityViolation: null,
});

describe('ViewLedger', () => {
  it('returns the neighbours of an id in ascending order, wherever it lands', () => {
    const ledger = new ViewLedger();
    expect(ledger.insert(entry(1))).toEqual({ previous: undefined, next: undefined });
    expect(ledger.insert(entry(5)).previous?.id).toBe(1);
    const middle = ledger.insert(entry(3));
    expect([middle.previous?.id, middle.next?.id]).toEqual([1, 5]);
    expect(ledger.get(3)?.id).toBe(3);
  });

  it('remembers every view id, however many', () => {
    const ledger = new ViewLedger();
    for (let id = 100; id < 20_100; id++) ledger.insert(entry(id));
    expect(ledger.size).toBe(20_000);
    expect(ledger.get(100)?.id).toBe(100);
    expect(ledger.insert(entry(50)).next?.id).toBe(100);
  });
});
