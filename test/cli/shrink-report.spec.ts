import { describe, expect, it } from 'vitest';
import { hangLine, processCount } from '../../cli/shrink-report.ts';

describe('processCount', () => {
  it('counts joiners as processes, after the hosts the run starts with', () => {
    expect(processCount({ processes: 3, joiners: 0 })).toBe('3');
    expect(processCount({ processes: 2, joiners: 1 })).toBe('2+1');
  });
});

describe('hangLine', () => {
  it('says how many candidate runs hung and the bound that ended them', () => {
    expect(hangLine(1, 1000)).toBe("  hangs:    1 candidate run did not return within 1 s (the candidates' wall-clock bound: 20x the original run's, at least 1 s, at most the run's)");
    expect(hangLine(3, 2400)).toMatch(/^ {2}hangs: {4}3 candidate runs did not return within 2\.4 s /);
  });
});
