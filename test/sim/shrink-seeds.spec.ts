// Shrinking across seeds: when no candidate fails on the current seed, the
// smaller ones are tried on a fixed pool of other seeds, and one that fails
// the same way there is kept with its seed. Deterministic; every run counts
// against the bound; `otherSeeds: 0` keeps the seed.
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { CHEAP_TRACE_EVENTS, otherSeedsFor, otherSeedsOf, seedPool } from '../../sim/shrink-seeds.ts';
import { runScenario } from '../../sim/run.ts';
import { MAX_SEED } from '../../scenarios/validate.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { lossyFloodScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();

// Loss, duplication and jitter break flood's FIFO order; on seed 1 the shrink without a later
// workload start stalls at 4 hosts (with it, see shrink-start.spec.ts, it needs no other seed).
const failing = lossyFloodScenario();

describe('the seed pool', () => {
  it('is the original seed and the ones after it, the current one left out', () => {
    expect(seedPool('5', 3)).toEqual(['5', '6', '7', '8']);
    expect(otherSeedsOf(seedPool('5', 3), '5', 3)).toEqual(['6', '7', '8']);
    expect(otherSeedsOf(seedPool('5', 3), '7', 3)).toEqual(['5', '6', '8']);
    expect(seedPool('5', 0)).toEqual(['5']);
  });

  it('wraps past the largest seed, and takes a free-form seed', () => {
    expect(seedPool(String(MAX_SEED - 1), 3)).toEqual([String(MAX_SEED - 1), String(MAX_SEED), '0', '1']);
    expect(seedPool('abc', 2)).toEqual(['abc', 'abc#1', 'abc#2']);
  });
});

describe('shrinking across seeds', () => {
  const kept = shrinkScenario(failing, { seed: '1', protocol, laterStart: false, maxAttempts: 300, otherSeeds: 0 });
  const tried: string[] = [];
  const across = shrinkScenario(failing, { seed: '1', protocol, laterStart: false, maxAttempts: 1000, onAttempt: (_n, _k, what) => tried.push(what) });

  it('goes further than the seed alone, and says on which seed the result fails', () => {
    expect(kept.seed).toBe('1');
    expect(across.seed).not.toBe('1');
    expect(seedPool('1', 8)).toContain(across.seed);
    expect(across.after.processes).toBeLessThan(kept.after.processes);
    expect(across.after.processes).toBeLessThanOrEqual(3);
    expect(across.after.multicasts).toBeLessThanOrEqual(10);
    expect(across.boundHit).toBe(false);
    // The result fails the same way on its seed (and the run the outcome holds is that run).
    const again = runScenario(across.shrunk, { seed: across.seed, protocol });
    expect(failsSameWay(again, across.target)).toBe(true);
    expect(again.multicasts).toBe(across.after.multicasts);
    expect(tried.some((w) => / on seed \d+$/.test(w))).toBe(true);
  });

  it('keeps the seed with otherSeeds 0: no attempt on another seed', () => {
    const seen: string[] = [];
    const outcome = shrinkScenario(failing, { seed: '1', protocol, laterStart: false, maxAttempts: 300, otherSeeds: 0, onAttempt: (_n, _k, what) => seen.push(what) });
    expect(outcome.seed).toBe('1');
    expect(seen.some((w) => w.includes('on seed'))).toBe(false);
    expect(outcome.shrunk).toEqual(kept.shrunk);
  });

  it('is deterministic: the same input shrinks to the same scenario on the same seed', () => {
    const again = shrinkScenario(failing, { seed: '1', protocol, laterStart: false, maxAttempts: 1000 });
    expect(again.seed).toBe(across.seed);
    expect(again.shrunk).toEqual(across.shrunk);
    expect(again.attempts).toBe(across.attempts);
  });

  it('counts every run on another seed against the bound, and says when it stops there', () => {
    // A bound that ends in the first round on other seeds (after the seed-1 fixpoint).
    const maxAttempts = kept.attempts + 3;
    const outcome = shrinkScenario(failing, { seed: '1', protocol, laterStart: false, maxAttempts });
    expect(outcome.attempts).toBe(maxAttempts);
    expect(outcome.boundHit).toBe(true);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, protocol }), outcome.target)).toBe(true);
  });

  it('refuses a negative number of other seeds', () => {
    expect(() => shrinkScenario(failing, { seed: '1', protocol, laterStart: false, otherSeeds: -1 })).toThrow(/otherSeeds/);
  });
});

describe('a cheap failure, in the second phase', () => {
  it('has its candidates tried on four times as many other seeds', () => {
    expect(otherSeedsFor(8, CHEAP_TRACE_EVENTS)).toBe(32);
    expect(otherSeedsFor(8, CHEAP_TRACE_EVENTS + 1)).toBe(8);
    expect(otherSeedsFor(0, 10)).toBe(0);
  });

  it('so the shrink of a small flood failure tries seeds past the first 8 only after its first phase', () => {
    const seeds: number[] = [];
    let phaseTwoFrom = -1;
    shrinkScenario(lossyFloodScenario(), {
      seed: '1', protocol, maxAttempts: 1000,
      onAttempt: (n, _k, what) => {
        const m = / on seed (\d+)$/.exec(what);
        if (m !== null) seeds.push(Number(m[1]));
        if (phaseTwoFrom < 0 && what.startsWith('multicasts from ')) phaseTwoFrom = seeds.length;
      },
    });
    expect(phaseTwoFrom).toBeGreaterThan(0);
    expect(Math.max(...seeds.slice(0, phaseTwoFrom))).toBeLessThanOrEqual(9);
    expect(Math.max(...seeds)).toBeGreaterThan(9);
    expect(Math.max(...seeds)).toBeLessThanOrEqual(33);
  });
});
