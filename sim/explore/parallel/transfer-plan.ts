// Which worker hands how many entries of the next level to which, so that
// every worker starts the level with about as many. Moving an entry costs
// the receiver the steps of a path that shares little with its own entries'
// (transfer.ts), so small imbalances are
// left alone.
export interface Transfer {
  from: number;
  to: number;
  count: number;
}

/** Imbalances below this share of the mean (or MIN_MOVE entries) stay. */
const TOLERANCE = 0.02;
const MIN_MOVE = 16;

export function planTransfers(sizes: readonly number[]): Transfer[] {
  const n = sizes.length;
  const total = sizes.reduce((a, b) => a + b, 0);
  const mean = total / n;
  const slack = Math.max(MIN_MOVE, mean * TOLERANCE);
  if (sizes.every((s) => Math.abs(s - mean) <= slack)) return [];
  // Targets: the mean, the remainder spread over the first workers.
  const target = (w: number): number => Math.floor(total / n) + (w < total % n ? 1 : 0);
  const surplus = sizes.map((s, w) => s - target(w));
  const givers = surplus.map((s, w) => ({ w, s })).filter((x) => x.s > 0);
  const takers = surplus.map((s, w) => ({ w, s: -s })).filter((x) => x.s > 0);
  const out: Transfer[] = [];
  let t = 0;
  for (const g of givers) {
    while (g.s > 0 && t < takers.length) {
      const taker = takers[t] as { w: number; s: number };
      const count = Math.min(g.s, taker.s);
      out.push({ from: g.w, to: taker.w, count });
      g.s -= count;
      taker.s -= count;
      if (taker.s === 0) t++;
    }
  }
  return out;
}
