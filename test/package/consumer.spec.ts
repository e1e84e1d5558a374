// vsynclab as another project uses it: a throw-away project in a temp folder
// that depends on this checkout (`file:`). The package is installed as
// `npm install --install-links` would: a copy of exactly the files that
// `npm pack` lists (so the `files` list is tested too), and its dependencies
// linked from this checkout's node_modules (no network). The project writes
// a plugin protocol that imports `vsynclab/protocol` and runs it through the
// installed bin with worker threads, type-checks against the package's .d.ts
// files, and runs the README's property-test example and its plugin
// ("Writing your own protocol") verbatim, where the README says to put them.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
/** What the consumer installs next to vsynclab, linked from this checkout. */
const DEV_DEPENDENCIES = ['vitest', '@fast-check/vitest', 'typescript', '@types/node'];
const MAX_PACKED_FILES = 5_000;
const README_EXAMPLE_MARK = '<!-- test/package/consumer.spec.ts runs this example in a throw-away project -->';
const README_EXAMPLE_PATH = 'test/vsync.prop.test.ts';
const README_PLUGIN_MARK = '<!-- test/package/consumer.spec.ts runs this plugin and the scenario below in a throw-away project -->';

let project: string;

function link(name: string, target: string): void {
  const at = join(project, 'node_modules', name);
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at, 'dir');
}

/** The files `npm pack` would put in the package, relative to the checkout. */
function packedFiles(): string[] {
  const npm = process.env['npm_execpath'];
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
  const json = npm !== undefined && npm.endsWith('.js')
    ? execFileSync(process.execPath, [npm, ...args], { cwd: ROOT, encoding: 'utf8' })
    : execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8' });
  const [pack] = JSON.parse(json) as { files: { path: string }[] }[];
  const files = (pack?.files ?? []).map((f) => f.path);
  expect(files.length).toBeLessThan(MAX_PACKED_FILES);
  return files;
}

/** The environment for the project's commands: no colour codes in what they print. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: 'true' };
  delete env['FORCE_COLOR'];
  return env;
}

const withoutColour = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

function inProject(command: string, args: readonly string[], timeoutMs: number): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [command, ...args], {
    cwd: project, encoding: 'utf8', timeout: timeoutMs, env: plainEnv(),
  });
  return { status: r.status, out: withoutColour(`${r.stdout}\n${r.stderr}`) };
}

/** The first ```LANGUAGE block after the mark in README.md. */
function readmeBlock(mark: string, language: 'ts' | 'json'): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(mark);
  expect(at, 'README.md lost the example mark').toBeGreaterThan(0);
  const block = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(readme.slice(at));
  expect(block).not.toBeNull();
  return block![1]!;
}

const readmeExample = (): string => readmeBlock(README_EXAMPLE_MARK, 'ts');

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'vsynclab-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'vsynclab-consumer', private: true, type: 'module',
    dependencies: { vsynclab: `file:${ROOT}` },
    devDependencies: Object.fromEntries(DEV_DEPENDENCIES.map((name) => [name, '*'])),
  }, null, 2));
  const installed = join(project, 'node_modules', 'vsynclab');
  const files = packedFiles();
  expect(files).toContain('dist/cli/bin-main.js');
  for (const file of files) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(installed, file));
  }
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of [...Object.keys(own.dependencies), ...DEV_DEPENDENCIES]) link(name, join(ROOT, 'node_modules', name));
}, 60_000);

describe('vsynclab as a dependency of another project', () => {
  it('runs a TypeScript plugin that imports vsynclab/protocol, in the main thread and in workers', () => {
    writeFileSync(join(project, 'my-protocol.ts'), [
      "import { isisProtocols, registerProtocol, type ProtocolFactory } from 'vsynclab/protocol';",
      '',
      "const cbcast: ProtocolFactory | undefined = isisProtocols['isis-cbcast-static'];",
      "if (cbcast === undefined) throw new Error('no isis-cbcast-static');",
      "registerProtocol('consumer-cbcast', (options) => cbcast(options));",
      '',
    ].join('\n'));
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/isis-cbcast-static.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'mine.json'), JSON.stringify({ ...scenario, name: 'mine', protocol: { name: 'consumer-cbcast' }, durationUs: 200_000, settleUs: 1_000_000 }));
    const bin = join('node_modules', 'vsynclab', 'bin', 'vsynclab.js');
    for (const workers of ['1', '2']) {
      const r = inProject(bin, ['run', '--plugin', 'my-protocol.ts', 'mine.json', '--seeds', '1..2', '--workers', workers], 60_000);
      expect(r.out).toMatch(/2 runs of 1 scenarios: 2 passed, 0 failed/);
      expect(r.status).toBe(0);
    }
  });

  // Written before the type-check below, which then checks it too.
  it('runs the README\'s plugin on its scenario: a lost frame is never resent, so seed 2 fails delivery-liveness', () => {
    writeFileSync(join(project, 'readme-protocol.ts'), readmeBlock(README_PLUGIN_MARK, 'ts'));
    const scenario = readmeBlock(README_PLUGIN_MARK, 'json');
    expect((JSON.parse(scenario) as { protocol: { name: string } }).protocol.name).toBe('my-protocol');
    mkdirSync(join(project, 'readme-scenarios'), { recursive: true });
    writeFileSync(join(project, 'readme-scenarios', 'my-scenario.json'), scenario);
    const bin = join('node_modules', 'vsynclab', 'bin', 'vsynclab.js');
    const r = inProject(bin, ['run', '--plugin', 'readme-protocol.ts', 'readme-scenarios/', '--seeds', '1..2', '--workers', '1'], 60_000);
    expect(r.out).toMatch(/FAIL my-scenario seed 2: violated: delivery-liveness/);
    expect(r.out).toMatch(/2 runs of 1 scenarios: 1 passed, 1 failed/);
    expect(r.status).toBe(1);
  });

  it('type-checks against the package\'s declarations', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] },
      include: ['*.ts'],
    }));
    writeFileSync(join(project, 'uses-types.ts'), [
      "import { runScenario, type RunResult } from 'vsynclab/sim';",
      "import { TraceChecker } from 'vsynclab/checkers';",
      "import { scenarioArb } from 'vsynclab/arbitraries';",
      "import { readTrace } from 'vsynclab/traces';",
      "import { protocolNames } from 'vsynclab';",
      'export const names: string[] = protocolNames();',
      'export const checker = new TraceChecker();',
      'export const arb = scenarioArb({ processes: 3 });',
      'export const reader = readTrace;',
      'export const run: (s: Parameters<typeof runScenario>[0]) => RunResult = (s) => runScenario(s, { seed: "1" });',
      '// @ts-expect-error: the declarations are real types, not any',
      'export const wrong: number = runScenario;',
      '',
    ].join('\n'));
    const r = inProject(join('node_modules', 'typescript', 'bin', 'tsc'), ['-p', '.'], 120_000);
    expect(r.out.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs the README\'s property-test example with vitest, in under 10 s of CPU', () => {
    mkdirSync(join(project, 'test'), { recursive: true });
    writeFileSync(join(project, README_EXAMPLE_PATH), readmeExample());
    // The example draws fresh scenarios on every run, as a user's would; CI
    // pins fast-check's seed so that this test judges the same eight each time.
    writeFileSync(join(project, 'fc-seed.mjs'), "import { fc } from '@fast-check/vitest';\nfc.configureGlobal({ seed: 20261202 });\n");
    writeFileSync(join(project, 'vitest.config.mjs'), "export default { test: { setupFiles: ['./fc-seed.mjs'] } };\n");
    // CPU seconds (user + system, vitest's workers included), not wall time:
    // on a busy machine the wall clock says more about the neighbours. On an
    // idle one, wall time is about the CPU time.
    const started = process.hrtime.bigint();
    const r = spawnSync('bash', ['-c', 'TIMEFORMAT="cpu %3U %3S"; time "$@"', 'bash', process.execPath, join('node_modules', 'vitest', 'vitest.mjs'), 'run'], {
      cwd: project, encoding: 'utf8', timeout: 120_000, env: plainEnv(),
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(withoutColour(`${r.stdout}\n${r.stderr}`)).toMatch(/Tests\s+1 passed \(1\)/);
    expect(r.status).toBe(0);
    const cpu = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
    expect(cpu).not.toBeNull();
    const cpuSeconds = Number(cpu![1]) + Number(cpu![2]);
    process.stdout.write(`README property example: ${cpuSeconds.toFixed(1)} s CPU, ${wallSeconds.toFixed(1)} s wall\n`);
    expect(cpuSeconds).toBeLessThan(10);
  });
});
