// Self time per function and per file of `node --cpu-prof` profiles (one
// per thread: pass the worker threads' files together to sum them), the
// `(idle)` node left out. Run the per-file ES modules
// (`node --cpu-prof dist/cli/bin-main.js explore ...`) so that frames map to
// source files; the one-file bundle puts every frame in vsynclab.cjs.
// Sampled time is the thread's wall time between samples: under load, read
// the shares, not the seconds.
//   npx tsx bench/explore/profile-self-time.ts [--top N] FILE.cpuprofile...
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const files = topAt >= 0 ? args.filter((_, i) => i !== topAt && i !== topAt + 1) : args;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i] as number);
      const dt = profile.timeDeltas[i] ?? 0;
      if (node === undefined || node.callFrame.functionName === '(idle)') continue;
      const frame = node.callFrame;
      const source = frame.url.replace(/.*\/dist\//, '').replace(/.*node_modules\//, 'node_modules/');
      const name = `${frame.functionName || '(anonymous)'} ${source}:${frame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
      const fileKey = source || frame.functionName;
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + dt);
      total += dt;
    }
  }
  const lines = (m: Map<string, number>): string =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} % ${(us / 1e6).toFixed(2).padStart(7)} s  ${name}`)
      .join('\n');
  console.log(`${files.length} profile(s), ${(total / 1e6).toFixed(2)} s sampled ((idle) left out)\n-- functions\n${lines(byFunction)}\n-- files\n${lines(byFile)}`);
}

main();
