// The explorer merges paths whose per-process history fingerprints are
// equal, which is sound only for the delivery orders the fingerprint keeps.
// A property that reads delivery order must be declared in
// checkers/properties.ts and accounted for in history.ts; this test fails
// when the two lists drift apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, ORDER_READING_PROPERTIES } from '../../../checkers/index.ts';
import {
  ORDER_READING_PROPERTIES_FINGERPRINTED,
  addBoundary,
  addDelivery,
  rebuildHistory,
  recordObservation,
  startHistory,
  type History,
} from '../../../sim/explore/history.ts';

describe('history fingerprint', () => {
  it('accounts for exactly the properties that read delivery order', () => {
    expect([...ORDER_READING_PROPERTIES_FINGERPRINTED].sort()).toEqual([...ORDER_READING_PROPERTIES].sort());
    for (const id of ORDER_READING_PROPERTIES) expect(ALL_PROPERTIES).toContain(id);
  });

  it('orders boundaries but not the deliveries between them', () => {
    const start = startHistory([1, 2]);
    const [x, y, b] = [[3, 4], [5, 6], [7, 8]];
    const xy = addBoundary(addDelivery(addDelivery(start, x), y), b);
    const yx = addBoundary(addDelivery(addDelivery(start, y), x), b);
    expect(xy).toEqual(yx);
    const xb = addBoundary(addBoundary(start, x), b);
    const bx = addBoundary(addBoundary(start, b), x);
    expect(xb.prefix).not.toEqual(bx.prefix);
  });
});

describe('history fingerprint: settled messages (session 6)', () => {
  const start = [1, 2];
  const x = [3, 4];
  const y = [5, 6];
  const z = [7, 8];
  const view = [9, 10];
  type Entry = readonly [lanes: number[], bit: number, boundary: boolean];
  const record = (entries: readonly Entry[], settledBits: number): History =>
    entries.reduce((h, [lanes, bit, boundary]) => recordObservation(h, lanes, bit, boundary, settledBits), startHistory(start));
  const fingerprint = (h: History): unknown => ({ prefix: h.prefix, block: h.block, settled: h.settled });

  it("a settled message's multicast is no boundary: deliveries on either side of it merge", () => {
    // x (bit 0) multicast, y (bit 1) delivered, z (bit 2) multicast; against y delivered before x's multicast.
    const a: Entry[] = [[x, 0, true], [y, 1, false], [z, 2, true]];
    const b: Entry[] = [[y, 1, false], [x, 0, true], [z, 2, true]];
    expect(fingerprint(record(a, 0))).not.toEqual(fingerprint(record(b, 0)));
    expect(fingerprint(record(a, 0b001))).toEqual(fingerprint(record(b, 0b001)));
    // Settling y instead keeps x before z and y out of the blocks: the same again.
    expect(fingerprint(record(a, 0b010))).toEqual(fingerprint(record(b, 0b010)));
  });

  it('unsettled messages keep their order, and a settled set is told apart from none', () => {
    const xz: Entry[] = [[x, 0, true], [z, 2, true]];
    const zx: Entry[] = [[z, 2, true], [x, 0, true]];
    expect(fingerprint(record(xz, 0b010))).not.toEqual(fingerprint(record(zx, 0b010)));
    const withY: Entry[] = [[x, 0, true], [y, 1, false]];
    expect(fingerprint(record(withY, 0b010))).not.toEqual(fingerprint(record([[x, 0, true]], 0b010)));
  });

  it('a settled observation keeps its epoch: which view installs came before it', () => {
    const before: Entry[] = [[y, 1, false], [view, -1, true]];
    const after: Entry[] = [[view, -1, true], [y, 1, false]];
    expect(fingerprint(record(before, 0b010))).not.toEqual(fingerprint(record(after, 0b010)));
  });

  it('rebuilding from the log under a settled set gives what recording under it from the start gives', () => {
    const entry = fc.tuple(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 2, maxLength: 2 }), fc.integer({ min: -1, max: 4 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }), (entries, early, more) => {
        // Recorded under an earlier (smaller) set, then rebuilt under a larger one, as the model does when messages settle.
        const recorded = record(entries, early & more);
        const rebuilt = rebuildHistory(start, recorded.log, more);
        expect(fingerprint(rebuilt)).toEqual(fingerprint(record(entries, more)));
        expect(rebuilt.epoch).toBe(record(entries, more).epoch);
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('with nothing settled, recording gives the fingerprint of the unpruned history', () => {
    const entries: Entry[] = [[x, 0, true], [y, 1, false], [z, 2, false], [view, -1, true]];
    const plain = addBoundary(addDelivery(addDelivery(addBoundary(startHistory(start), x), y), z), view);
    expect(fingerprint(record(entries, 0))).toEqual(fingerprint(plain));
  });
});
