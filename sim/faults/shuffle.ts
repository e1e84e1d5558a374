// A Fisher-Yates shuffle over the run's seeded stream (the random fault
// generator's draws: changing it changes every random scenario's faults).
import type { Rng } from '../rng.ts';

export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [out[k], out[j]] = [out[j] as T, out[k] as T];
  }
  return out;
}
