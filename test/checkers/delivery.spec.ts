import { describe, expect, it } from 'vitest';
import { trace, violated } from './trace-builder.ts';

const all3 = ['p1', 'p2', 'p3'];

describe('delivery-integrity', () => {
  it('is violated by a delivery before the multicast', () => {
    const result = trace().group('p1', 'p2').deliver('p2', 'm1', 'p1', 1).bcast('p1', 'm1', 'fifo', 1).check();
    const violation = result.violations.find((v) => v.property === 'delivery-integrity')!;
    expect(violation.events).toEqual([4]);
    expect(violation.message).toBe('p2 delivers m1 (from p1), which no process has multicast before.');
  });

  it('is violated by a wrong `from`', () => {
    const result = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).deliver('p2', 'm1', 'p2', 1).check();
    const violation = result.violations.find((v) => v.property === 'delivery-integrity')!;
    expect(violation.events).toEqual([4, 5]);
    expect(violation.message).toBe('p2 delivers m1 as from p2, but p1 multicast it.');
  });
});

describe('no-duplication', () => {
  it('is violated by a message id multicast twice', () => {
    const result = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).bcast('p2', 'm1', 'fifo', 1).check();
    expect(result.violations.map((v) => [v.property, v.events])).toContainEqual(['no-duplication', [4, 5]]);
  });

  it('is violated by a process delivering a message twice', () => {
    const result = trace().group('p1', 'p2').send('p1', 'm1', 'fifo', 1, ['p1', 'p2']).deliver('p2', 'm1', 'p1', 1).check();
    const violation = result.violations.find((v) => v.property === 'no-duplication')!;
    expect(violation.events).toEqual([6, 7]);
    expect(violation.message).toBe('p2 delivers m1 a second time.');
  });
});

describe('sending-view-delivery', () => {
  it('is violated by a delivery in a later view', () => {
    const result = trace()
      .group(...all3)
      .bcast('p1', 'm1', 'fifo', 1)
      .deliver('p1', 'm1', 'p1', 1)
      .view(2, all3, ['p1', 'p2'])
      .deliver('p2', 'm1', 'p1', 2)
      .check();
    const violation = result.violations.find((v) => v.property === 'sending-view-delivery')!;
    expect(violation.events).toEqual([6, 10]);
    expect(violation.message).toBe('p2 delivers m1 in view 2, but it was multicast in view 1.');
  });

  it('compares the view fields, whatever the views installed (a late delivery is judged like any other)', () => {
    const result = trace()
      .group('p1', 'p2')
      .send('p1', 'm1', 'fifo', 1, ['p1'])
      .crash('p2')
      .start('p3')
      .view(2, ['p1', 'p3'])
      .view(3, ['p1', 'p3'])
      .deliver('p3', 'm1', 'p1', 3)
      .check();
    expect(violated(result)).toContain('sending-view-delivery');
    expect(result.violations.find((v) => v.property === 'sending-view-delivery')!.message).toBe(
      'p3 delivers m1 in view 3, but it was multicast in view 1.',
    );
    expect(violated(result)).not.toContain('delivery-integrity');
    // The deliver's own field decides, not the view its process installed.
    const fieldsMatch = trace().group('p1', 'p2').bcast('p1', 'm1', 'fifo', 1).view(2, ['p1', 'p2'], ['p2']).deliver('p2', 'm1', 'p1', 1).check();
    expect(violated(fieldsMatch)).toEqual(['lifecycle']);
  });
});

describe('self-delivery', () => {
  it('is violated when the sender installs a later view without delivering its message', () => {
    const result = trace()
      .group('p1', 'p2')
      .bcast('p1', 'm1', 'causal', 1)
      .view(2, ['p1', 'p2'], ['p1'])
      .check();
    const violation = result.violations.find((v) => v.property === 'self-delivery')!;
    expect(violation.events).toEqual([4, 5]);
    expect(violation.message).toBe('p1 multicast m1 in view 1 but installs view 2 without having delivered it.');
  });

  it('holds when the sender delivers first, or crashes instead', () => {
    const delivered = trace().group('p1', 'p2').send('p1', 'm1', 'causal', 1, ['p1', 'p2']).view(2, ['p1', 'p2']).end();
    expect(delivered.check().ok).toBe(true);
    const crashed = trace().group('p1', 'p2', 'p3').bcast('p3', 'm1', 'total', 1).crash('p3').view(2, ['p1', 'p2']).end();
    expect(crashed.check().ok).toBe(true);
  });
});
