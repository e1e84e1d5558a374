// Helpers shared by the benchmarks: timing and a plain-text table.

export function hrSeconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}
