// fast-check arbitrary for network settings. Probabilities are drawn in
// thousandths so generated scenarios print as short, readable JSON.
import fc from 'fast-check';
import type { NetworkSpec } from '../types.ts';

export interface NetworkArbOptions {
  /** Highest loss probability (default 0.2). */
  maxLoss?: number;
  /** Highest duplication probability (default 0.2). */
  maxDuplicate?: number;
  /** Highest mean delay (default 5 ms). */
  maxMeanUs?: number;
}

export function networkArb(options: NetworkArbOptions = {}): fc.Arbitrary<NetworkSpec> {
  const perMille = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: Math.round(max * 1000) }).map((n) => n / 1000);
  const maxMeanUs = options.maxMeanUs ?? 5000;
  return fc
    .record({
      minUs: fc.integer({ min: 0, max: Math.floor(maxMeanUs / 2) }),
      extraMeanUs: fc.integer({ min: 0, max: Math.ceil(maxMeanUs / 2) }),
      jitterUs: fc.integer({ min: 0, max: maxMeanUs }),
      lossProbability: perMille(options.maxLoss ?? 0.2),
      duplicateProbability: perMille(options.maxDuplicate ?? 0.2),
    })
    .map((r) => ({
      delay: { minUs: r.minUs, meanUs: r.minUs + r.extraMeanUs, jitterUs: r.jitterUs },
      lossProbability: r.lossProbability,
      duplicateProbability: r.duplicateProbability,
    }));
}
