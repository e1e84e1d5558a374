import { describe, expect, it } from 'vitest';
import { trace, violated } from './trace-builder.ts';

describe('lifecycle', () => {
  it('holds for start, view, traffic, then crash or exit', () => {
    const result = trace()
      .group('p1', 'p2', 'p3')
      .send('p1', 'm1', 'fifo', 1, ['p1', 'p2', 'p3'])
      .crash('p3')
      .view(2, ['p1', 'p2'])
      .exit('p2', 'left')
      .check();
    expect(violated(result)).not.toContain('lifecycle');
  });

  it('is violated by an event before the start', () => {
    const result = trace().view(1, ['p1']).start('p1').check();
    const violation = result.violations.find((v) => v.property === 'lifecycle')!;
    expect(violation.events).toEqual([0]);
    expect(violation.message).toBe('p1 installs view 1 before it starts.');
  });

  it('is violated by events after a crash or an exit, naming both events', () => {
    const crashed = trace().group('p1', 'p2').crash('p2').bcast('p2', 'm1', 'fifo', 1).check();
    expect(crashed.violations.filter((v) => v.property === 'lifecycle').map((v) => v.events)).toEqual([[4, 5]]);
    expect(crashed.violations[0]!.message).toBe('p2 multicasts m1 after its crash.');
    const exited = trace().group('p1').exit('p1', 'left').crash('p1').check();
    expect(exited.violations.map((v) => v.message)).toContain('p1 crashes after its exit.');
  });

  it('is violated by a reused process id', () => {
    const restarted = trace().group('p1', 'p2').crash('p2').start('p2').check();
    expect(restarted.violations.map((v) => v.message)).toContain(
      'p2 starts again after its crash: a process id is never reused (a restart takes a new id).',
    );
    // A crash before any start: the start after it is not a second one.
    const late = trace().start('p1').crash('p2').start('p2').check();
    expect(late.violations.map((v) => v.message)).toEqual([
      'p2 crashes before it starts.',
      'p2 starts after its crash: a process id is never reused (a restart takes a new id).',
    ]);
    // A second start of a running process is an event after its start: allowed.
    expect(violated(trace().start('p1').start('p1').check())).toEqual([]);
  });

  it('is violated by a multicast or delivery before the first view', () => {
    const result = trace().start('p1').bcast('p1', 'm1', 'fifo', 1).check();
    expect(result.violations[0]!.message).toBe('p1 multicasts m1 before installing any view.');
  });

  it('is violated by a view field that is not the view installed last', () => {
    const result = trace()
      .group('p1', 'p2')
      .bcast('p1', 'm1', 'fifo', 1)
      .view(2, ['p1', 'p2'], ['p2'])
      .deliver('p2', 'm1', 'p1', 1)
      .check();
    const violation = result.violations.find((v) => v.property === 'lifecycle')!;
    expect(violation.events).toEqual([5, 6]);
    expect(violation.message).toBe('p2 delivers m1 with view 1, but the view it installed last is 2.');
  });

  it('ignores events without a node and unknown event types', () => {
    const result = trace()
      .group('p1')
      .partition([['p1'], ['p9']])
      .heal()
      .other('send', { node: 'p7', to: 'p1' })
      .other('timer', {})
      .end()
      .check();
    expect(result.ok).toBe(true);
  });
});
