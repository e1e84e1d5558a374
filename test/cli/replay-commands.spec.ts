// Every replay command vsynclab prints runs as printed: it is split the way
// a shell splits it and run in-process, and it reproduces the failure. The
// plugin lives in a folder whose name needs quoting, so quoting is tested too.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './cli-harness.ts';
import { vsynclabArgs } from './shell-words.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let plugin: string;
let scenario: string;

/** Runs a printed command; a fresh `--trace-out` goes to the temp folder instead of the working directory. */
async function runPrinted(command: string): Promise<Awaited<ReturnType<typeof cliInProcess>>> {
  const args = vsynclabArgs(command);
  const k = args.indexOf('--trace-out');
  if (k >= 0) args[k + 1] = join(dir, `replayed-${k}-${Math.abs(hash(command))}.jsonl`);
  return cliInProcess(...args);
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

function xmlText(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vsynclab replay 'cmds' "));
  const plugins = join(dir, 'my plugins');
  mkdirSync(plugins);
  plugin = join(plugins, 'flood plugin.ts');
  const url = (p: string): string => pathToFileURL(join(ROOT, p)).href;
  writeFileSync(
    plugin,
    `import { registerProtocol } from '${url('protocol/registry.ts')}';\n` +
      `import { floodProtocol } from '${url('test/fixtures/flood-protocol.ts')}';\n` +
      `registerProtocol('test-flood', (o) => floodProtocol({ tickUs: typeof o.tickUs === 'number' ? o.tickUs : 0 }));\n` +
      `registerProtocol('listed-only-with-the-plugin', (o) => floodProtocol({ tickUs: 0 }));\n`,
  );
  scenario = join(dir, 'flood lossy.json');
  copyFileSync(join(ROOT, 'test/fixtures/scenarios/flood-lossy.json'), scenario);
});

describe('printed replay commands run as printed', () => {
  it('list --protocols takes --plugin', async () => {
    const plain = await cliInProcess('list', '--protocols');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('isis');
    const withPlugin = await cliInProcess('list', '--protocols', '--plugin', plugin);
    expect(withPlugin.status).toBe(0);
    expect(withPlugin.stdout).toContain('listed-only-with-the-plugin');
  });

  it('pretty, JSON and JUnit replay commands carry --plugin and reproduce the failure', async () => {
    const pretty = await cliInProcess('run', scenario, '--plugin', plugin, '--workers', '1', '--seeds', '1..3');
    expect(pretty.status).toBe(1);
    const printed = [...pretty.stdout.matchAll(/^ {5}replay: (.*)$/gm)].map((m) => m[1]!);
    expect(printed.length).toBeGreaterThan(0);
    const json = await cliInProcess('run', scenario, '--plugin', plugin, '--workers', '1', '--seeds', '1..3', '--reporter', 'json');
    const report = JSON.parse(json.stdout) as { failures: { seed: number; replay: string }[] };
    expect(report.failures.map((f) => f.replay)).toEqual(printed);
    const junit = await cliInProcess('run', scenario, '--plugin', plugin, '--workers', '1', '--seeds', '1..3', '--reporter', 'junit');
    const fromXml = [...junit.stdout.matchAll(/replay: ([^<]*)<\/failure>/g)].map((m) => xmlText(m[1]!));
    expect(fromXml).toEqual(printed);
    for (const [k, command] of printed.entries()) {
      expect(command).toContain('--plugin ');
      const replayed = await runPrinted(command);
      expect(replayed.stderr).toBe('');
      expect(replayed.status).toBe(1);
      expect(replayed.stdout).toContain(`FAIL flood-lossy seed ${report.failures[k]!.seed}`);
    }
  });

  it('a kept trace: the replay command names the plugin and replays byte for byte', async () => {
    const out = join(dir, 'traces out');
    const r = await cliInProcess('run', scenario, '--plugin', plugin, '--workers', '1', '--seeds', '1..2', '--out', out, '--reporter', 'json');
    const report = JSON.parse(r.stdout) as { failures: { trace: string; replay: string }[] };
    expect(report.failures.length).toBeGreaterThan(0);
    for (const f of report.failures) {
      expect(existsSync(f.trace)).toBe(true);
      const replayed = await runPrinted(f.replay);
      expect(replayed.status).toBe(0);
      expect(replayed.stdout).toContain('byte-identical');
    }
  });

  it('a mutant run: pretty and shrink commands carry --mutant; the shrunk scenario keeps its mutant', async () => {
    const crash = join(ROOT, 'scenarios/isis-cascading-crashes.json');
    const r = await cliInProcess('run', crash, '--seed', '1', '--mutant', 'fifo-gap', '--workers', '1');
    expect(r.status).toBe(1);
    const command = /^ {5}replay: (.*)$/m.exec(r.stdout)?.[1] ?? '';
    expect(command).toContain('--mutant fifo-gap');
    const replayed = await runPrinted(command);
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toContain('fifo-order');
    // Without the mutant the same seed passes: the command's --mutant is what makes it fail.
    const real = await cliInProcess(...vsynclabArgs(command).filter((a, k, all) => a !== '--mutant' && all[k - 1] !== '--mutant').slice(0, -2));
    expect(real.status).toBe(0);

    const out = join(dir, 'shrunk mutant');
    const shrunk = await cliInProcess('run', crash, '--seed', '1', '--mutant', 'fifo-gap', '--workers', '1', '--shrink', '--out', out);
    expect(shrunk.status).toBe(1);
    const replayShrunk = /^ {2}replay: +(.*)$/m.exec(shrunk.stdout)?.[1] ?? '';
    const runShrunk = /^ {2}run: +(.*)$/m.exec(shrunk.stdout)?.[1] ?? '';
    expect(runShrunk).toContain('--mutant fifo-gap');
    const again = await runPrinted(replayShrunk);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/byte-identical.*fails: violated: .*fifo-order/);
    const rerun = await runPrinted(runShrunk);
    expect(rerun.status).toBe(1);
    expect(rerun.stdout).toContain('fifo-order');
    const file = /^ {2}scenario: (.*?\.json)/m.exec(shrunk.stdout)?.[1] ?? '';
    expect(JSON.parse(readFileSync(file, 'utf8')).description).toContain('--mutant fifo-gap');
  });

  it('shrink of a plugin trace: its replay command carries --plugin', async () => {
    const out = join(dir, 'to shrink');
    const r = await cliInProcess('run', scenario, '--plugin', plugin, '--workers', '1', '--seeds', '1..2', '--out', out, '--reporter', 'json');
    const trace = (JSON.parse(r.stdout) as { failures: { trace: string }[] }).failures[0]!.trace;
    const shrunk = await cliInProcess('shrink', trace, '--plugin', plugin, '--max-attempts', '15');
    expect(shrunk.status).toBe(0);
    const command = /^ {2}replay: +(.*)$/m.exec(shrunk.stdout)?.[1] ?? '';
    expect(command).toContain('--plugin');
    const replayed = await runPrinted(command);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toContain('byte-identical');
  });

  it('mutants: the replay command of a caught mutant runs as printed', async () => {
    const r = await cliInProcess('mutants', join(ROOT, 'scenarios/isis-cascading-crashes.json'), '--only', 'fifo-gap', '--seeds', '1', '--workers', '1', '--json');
    expect(r.status).toBe(0);
    const [row] = JSON.parse(r.stdout) as { replay: string }[];
    const replayed = await runPrinted(row!.replay);
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toContain('fifo-order');
  });
});
