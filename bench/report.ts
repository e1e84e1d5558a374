// Helpers shared by the benchmarks: timing, a median and a plain-text table.

export function hrSeconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

/** The median (the mean of the middle two for an even count): what every A B A B benchmark quotes. */
export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
