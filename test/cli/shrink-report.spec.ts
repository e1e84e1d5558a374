import { describe, expect, it } from 'vitest';
import { processCount } from '../../cli/shrink-report.ts';

describe('processCount', () => {
  it('counts joiners as processes, after the hosts the run starts with', () => {
    expect(processCount({ processes: 3, joiners: 0 })).toBe('3');
    expect(processCount({ processes: 2, joiners: 1 })).toBe('2+1');
  });
});
