import { describe, expect, it } from 'vitest';
import { trace, violated } from './trace-builder.ts';

const all3 = ['p1', 'p2', 'p3'];

describe('virtual-synchrony', () => {
  it('is violated when two processes move to the same next view with different sets', () => {
    const result = trace()
      .group(...all3)
      .send('p1', 'm1', 'fifo', 1, ['p1', 'p2'])
      .crash('p1')
      .view(2, ['p2', 'p3'])
      .check();
    const violation = result.violations.find((v) => v.property === 'virtual-synchrony')!;
    expect(violation.message).toBe(
      'p2 and p3 both went from view 1 to view 2, but p2 delivered m1 (from p1) in view 1 and p3 did not (p2 delivered 1, p3 0).',
    );
    expect(violation.events).toEqual([4, 5, 8, 10, 11]);
  });

  it('holds for a message delivered by a process that later crashed and by no survivor', () => {
    const result = trace()
      .group(...all3)
      .send('p1', 'm1', 'causal', 1, ['p1', 'p3'])
      .crash('p1')
      .crash('p3')
      .start('p4', 'p5')
      .view(2, ['p2', 'p4', 'p5'], ['p2', 'p4', 'p5'])
      .check();
    expect(violated(result)).not.toContain('virtual-synchrony');
    const tolerant = trace()
      .group(...all3)
      .send('p3', 'm1', 'causal', 1, ['p3'])
      .crash('p3')
      .view(2, ['p1', 'p2'])
      .end()
      .check();
    expect(tolerant.ok).toBe(true);
  });

  it('does not compare processes whose next views differ', () => {
    const result = trace()
      .group(...all3)
      .send('p1', 'm1', 'fifo', 1, ['p1', 'p2'])
      .view(2, all3, ['p1', 'p2'])
      .view(3, all3, ['p3'])
      .check();
    expect(violated(result)).not.toContain('virtual-synchrony');
  });
});
