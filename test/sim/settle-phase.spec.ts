// The settle phase's "not quiet" failure names at most four busy processes
// and the settle phase it ran out of.
import { describe, expect, it } from 'vitest';
import { notQuiet } from '../../sim/settle-phase.ts';

describe('notQuiet', () => {
  it('names the busy processes and the settle phase', () => {
    expect(notQuiet(['p1', 'p3'], 2000)).toBe("not quiet: p1, p3 still busy (the protocol's isQuiet) when the settle phase ended (settleUs 2000)");
  });

  it('names four and counts the rest', () => {
    expect(notQuiet(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], 10)).toMatch(/^not quiet: p1, p2, p3, p4 and 2 more still busy/);
  });
});
