import { describe, expect, it } from 'vitest';
import { trace, violated } from './trace-builder.ts';

describe('self-inclusion', () => {
  it('holds when every installed view lists its installer', () => {
    expect(trace().group('p1', 'p2').end().check().ok).toBe(true);
  });

  it('is violated by a view that leaves out its installer', () => {
    const result = trace().start('p1', 'p2').view(1, ['p1', 'p2'], ['p1']).view(1, ['p1', 'p2'], []).check();
    expect(result.ok).toBe(true);
    const bad = trace().start('p1', 'p2').view(1, ['p2'], ['p1']).check();
    expect(violated(bad)).toContain('self-inclusion');
    const violation = bad.violations.find((v) => v.property === 'self-inclusion')!;
    expect(violation.events).toEqual([2]);
    expect(violation.message).toContain('p1 installs view 1 {p2}');
  });
});

describe('view-monotonicity', () => {
  it('is violated by a lower or repeated view id, naming both installs', () => {
    const lower = trace().start('p1').view(2, ['p1']).view(1, ['p1']).check();
    expect(lower.violations.filter((v) => v.property === 'view-monotonicity').map((v) => v.events)).toEqual([[1, 2]]);
    const repeated = trace().start('p1').view(1, ['p1']).view(1, ['p1']).check();
    expect(violated(repeated)).toContain('view-monotonicity');
  });

  it('allows gaps in the ids', () => {
    const result = trace().start('p1').view(1, ['p1']).view(7, ['p1']).end().check();
    expect(result.ok).toBe(true);
  });
});

describe('view-agreement', () => {
  it('compares member sets, not member order', () => {
    const result = trace().start('p1', 'p2').view(1, ['p1', 'p2'], ['p1']).view(1, ['p2', 'p1'], ['p2']).end().check();
    expect(result.ok).toBe(true);
  });

  it('is violated by two installs of one id with different members', () => {
    const result = trace().start('p1', 'p2', 'p3').view(1, ['p1', 'p2'], ['p1']).view(1, ['p1', 'p2', 'p3'], ['p2']).check();
    const violation = result.violations.find((v) => v.property === 'view-agreement')!;
    expect(violation.events).toEqual([3, 4]);
    expect(violation.message).toContain('p2 installs view 1 as {p1, p2, p3} but p1 installed it as {p1, p2}');
  });

  it('still compares after the first installers have moved on', () => {
    const result = trace()
      .start('p1', 'p2', 'p3')
      .view(1, ['p1', 'p2', 'p3'], ['p1', 'p2'])
      .view(2, ['p1', 'p2', 'p3'], ['p1', 'p2'])
      .view(1, ['p3'], ['p3'])
      .check();
    expect(violated(result)).toContain('view-agreement');
  });
});

describe('primary-majority', () => {
  it('holds when a 3-process group loses one member', () => {
    const result = trace().group('p1', 'p2', 'p3').crash('p3').view(2, ['p1', 'p2']).end().check();
    expect(result.ok).toBe(true);
  });

  it('is violated when a 3-process group loses 2 at once', () => {
    const result = trace().group('p1', 'p2', 'p3').crash('p2').crash('p3').view(2, ['p1']).end().check();
    expect(violated(result)).toEqual(['primary-majority']);
    const violation = result.violations[0]!;
    expect(violation.events).toEqual([3, 8]);
    expect(violation.message).toContain('view 2 {p1} keeps 1 of the members of view 1 {p1, p2, p3}');
  });

  it('does not count voluntary leaves made before the next view is first installed', () => {
    const result = trace()
      .group('p1', 'p2', 'p3', 'p4')
      .exit('p3', 'left')
      .exit('p4', 'left')
      .view(2, ['p1', 'p2'])
      .end()
      .check();
    expect(result.ok).toBe(true);
  });

  it('counts a leave made after the next view was first installed', () => {
    const result = trace()
      .group('p1', 'p2', 'p3', 'p4')
      .view(2, ['p1', 'p2'], ['p1'])
      .exit('p3', 'left')
      .exit('p4', 'left')
      .view(2, ['p1', 'p2'], ['p2'])
      .end()
      .check();
    expect(violated(result)).toEqual(['primary-majority']);
  });

  it('counts exclusions and crashes, not only leaves', () => {
    const result = trace().group('p1', 'p2').exit('p2', 'excluded').view(2, ['p1']).end().check();
    expect(violated(result)).toEqual(['primary-majority']);
  });

  it('judges consecutive distinct ids even when one is first installed out of order', () => {
    // Ids 1 and 3 first: {a,b} is 2 of 5, a violation for the pair (1, 3).
    // Then id 2 appears: the pairs are now (1, 2) and (2, 3), both fine.
    const builder = trace()
      .start('a', 'b', 'c', 'd', 'e')
      .view(1, ['a', 'b', 'c', 'd', 'e'])
      .view(3, ['a', 'b'], ['a']);
    expect(violated(builder.check())).toContain('primary-majority');
    const result = builder.view(2, ['a', 'b', 'c'], ['c']).check();
    expect(violated(result)).not.toContain('primary-majority');
  });

  it('reports a pair made bad by an id that arrives out of order', () => {
    const result = trace()
      .start('a', 'b', 'c')
      .view(1, ['a', 'b', 'c'])
      .view(3, ['a', 'b', 'c'], ['a'])
      .view(2, ['c'], ['c'])
      .check();
    const pairs = result.violations.filter((v) => v.property === 'primary-majority').map((v) => v.message);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toContain('view 2 {c} keeps 1 of the members of view 1');
  });
});
