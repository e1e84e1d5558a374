// The hunt seeds a bench takes as an argument: `1`, `1..4` or `1,3`, one column each.

/** The hunt seeds `text` names; exits 2 with a line naming `bench` on anything else. */
export function parseHuntSeeds(text: string, bench: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  const values = range !== null
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, k) => Number(range[1]) + k)
    : text.split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) {
    process.stderr.write(`${bench}: hunt seeds: expected 1, 1..4 or 1,3, got "${text}"\n`);
    process.exit(2);
  }
  return values;
}
