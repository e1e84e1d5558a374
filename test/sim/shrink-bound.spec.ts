// The attempt bound: the search never runs more candidates than allowed,
// and says "bound hit" exactly when it stopped there with candidates left
// untried, whether or not the last attempt was kept.
import { describe, expect, it } from 'vitest';
import { shrinkScenario } from '../../sim/shrink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { lossyFloodScenario } from '../fixtures/scenario.ts';

const failing = lossyFloodScenario();

describe('the attempt bound', () => {
  const protocol = floodProtocol();
  const kept: boolean[] = [];
  const free = shrinkScenario(failing, { seed: '3', protocol, maxAttempts: 10_000, onAttempt: (_n, wasKept) => kept.push(wasKept) });

  it('is not hit by a search that converges', () => {
    expect(free.boundHit).toBe(false);
    expect(free.attempts).toBe(kept.length);
    expect(kept.some((k) => !k), 'some candidates were refused').toBe(true);
  });

  it('is reported whenever the search stops at it, after a kept or a refused attempt', () => {
    const bounds = [1, 2, 3, free.attempts - 1].filter((b) => b >= 1 && b < free.attempts);
    // Bounds that end right after a refused attempt, the case once reported without "bound hit".
    const afterRefused = kept.findIndex((k, i) => !k && i + 1 < free.attempts);
    if (afterRefused >= 0) bounds.push(afterRefused + 1);
    expect(bounds.some((b) => kept[b - 1] === false)).toBe(true);
    for (const maxAttempts of bounds) {
      const outcome = shrinkScenario(failing, { seed: '3', protocol, maxAttempts });
      expect(outcome.attempts, `bound ${maxAttempts}`).toBe(maxAttempts);
      expect(outcome.boundHit, `bound ${maxAttempts}`).toBe(true);
    }
  });

  it('is not reported when the search converges exactly at it', () => {
    const outcome = shrinkScenario(failing, { seed: '3', protocol, maxAttempts: free.attempts });
    expect(outcome.attempts).toBe(free.attempts);
    expect(outcome.boundHit).toBe(false);
    expect(outcome.shrunk).toEqual(free.shrunk);
  });
});
