// A/B: the CPU time of loading the default suite (every file read, parsed,
// validated, its protocol built): 20 loads per sample, 11 samples alternating
// the two trees, medians. BENCHMARKS.md, "Trustworthy basics", has the
// numbers and how to make the baseline tree of main:
//   npx tsx bench/scenario-load.ts /tmp/base-input "$PWD"
interface SuiteLoader {
  loadScenarios(paths: readonly string[]): unknown[];
  checkProtocols(scenarios: readonly unknown[]): unknown;
}

const [baseRoot, mineRoot] = process.argv.slice(2);
if (baseRoot === undefined || mineRoot === undefined) throw new Error('usage: npx tsx bench/scenario-load.ts BASE_TREE THIS_TREE');
const base = (await import(`${baseRoot}/sim/scenario-files.ts`)) as SuiteLoader;
const mine = (await import(`${mineRoot}/sim/scenario-files.ts`)) as SuiteLoader;

function cpuMsPerLoad(loader: SuiteLoader, root: string): number {
  const start = process.cpuUsage();
  for (let k = 0; k < 20; k++) loader.checkProtocols(loader.loadScenarios([`${root}/scenarios`]));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / 20;
}

// Warm-up: both trees' code compiled and optimised before any sample counts.
for (let w = 0; w < 3; w++) {
  cpuMsPerLoad(base, baseRoot);
  cpuMsPerLoad(mine, mineRoot);
}
const baseMs: number[] = [];
const mineMs: number[] = [];
for (let r = 0; r < 11; r++) {
  baseMs.push(cpuMsPerLoad(base, baseRoot));
  mineMs.push(cpuMsPerLoad(mine, mineRoot));
}
const median = (xs: readonly number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
console.log(`base CPU ms per suite load: ${baseMs.map((x) => x.toFixed(1)).join(' ')}; median ${median(baseMs).toFixed(2)}`);
console.log(`this CPU ms per suite load: ${mineMs.map((x) => x.toFixed(1)).join(' ')}; median ${median(mineMs).toFixed(2)}`);
console.log(`ratio this/base: ${(median(mineMs) / median(baseMs)).toFixed(3)}`);
