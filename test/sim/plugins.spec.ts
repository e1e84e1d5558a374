// Plugins share the CLI's protocol registry however they import it: by
// package name (`vsynclab/protocol`) or by a relative path to the sources,
// in the compiled CLI (spawned, with worker threads) and in-process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../traces/input-error.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { protocolFactory, protocolNames } from '../../protocol/registry.ts';
import { isisProtocols } from '../../protocol/isis/index.ts';
import { cliInProcess, cliSpawned } from '../cli/cli-harness.ts';

const BY_NAME = 'test/sim/fixtures/package-name-plugin.ts';
const BY_PATH = 'test/fixtures/flood-plugin.ts';

function scenarioFor(protocol: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plugins-'));
  const scenario = JSON.parse(readFileSync('test/fixtures/scenarios/flood-clean.json', 'utf8')) as Record<string, unknown>;
  const file = join(dir, `${protocol}.json`);
  writeFileSync(file, JSON.stringify({ ...scenario, name: protocol, protocol: { name: protocol } }));
  return file;
}

describe('plugins', () => {
  it('a plugin importing vsynclab/protocol registers into the compiled CLI\'s registry, in workers too', () => {
    const file = scenarioFor('test-flood-by-name');
    for (const workers of ['1', '2']) {
      const r = cliSpawned(['run', '--plugin', BY_NAME, file, '--workers', workers]);
      expect(r.stdout).toMatch(/3 runs of 1 scenarios: 3 passed, 0 failed/);
      expect(r.status).toBe(0);
    }
  });

  it('a plugin importing the sources by relative path works in the compiled CLI, in workers too', () => {
    const file = scenarioFor('test-flood');
    const r = cliSpawned(['run', '--plugin', BY_PATH, file, '--workers', '2']);
    expect(r.stdout).toMatch(/3 runs of 1 scenarios: 3 passed, 0 failed/);
    expect(r.status).toBe(0);
  });

  it('in-process (sources), the package-name plugin registers into the same registry', async () => {
    await loadPlugins(pluginUrls([BY_NAME]));
    expect(protocolNames()).toContain('test-flood-by-name');
    const r = await cliInProcess('run', '--plugin', BY_NAME, scenarioFor('test-flood-by-name'));
    expect(r.stdout).toMatch(/3 runs of 1 scenarios: 3 passed, 0 failed/);
  });

  it('an InputError a plugin throws from dist/ is bad input to the compiled (bundled) CLI: exit 2, no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plugins-'));
    const plugin = join(dir, 'picky.mjs');
    const dist = pathToFileURL(join(process.cwd(), 'dist')).href;
    writeFileSync(plugin, [
      `import { InputError } from '${dist}/core/input-error.js';`,
      `import { registerProtocol } from '${dist}/protocol/registry.js';`,
      "registerProtocol('test-picky', () => { throw new InputError('protocol.options.colour: expected \"red\", got nothing'); });",
      '',
    ].join('\n'));
    const r = cliSpawned(['run', '--plugin', plugin, scenarioFor('test-picky')]);
    expect(r.stderr).toMatch(/protocol\.options\.colour: expected "red"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });

  it('a missing plugin file or one that throws is bad input', async () => {
    expect(() => pluginUrls(['no/such/plugin.ts'])).toThrow(InputError);
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plugins-'));
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('plugin exploded');\n");
    await expect(loadPlugins(pluginUrls([broken]))).rejects.toThrow(/the module failed to load: plugin exploded/);
  });

  it('a TypeScript plugin in a CommonJS package (no "type": "module"): one line that leads with the fix, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plugins-cjs-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-protocols', version: '1.0.0' }));
    writeFileSync(join(dir, 'helper.ts'), "export const name = 'test-cjs';\n");
    const plugin = join(dir, 'plugin.ts');
    const dist = pathToFileURL(join(process.cwd(), 'dist')).href;
    writeFileSync(plugin, [
      `import { registerProtocol } from '${dist}/protocol/registry.js';`,
      "import { name } from './helper.ts';",
      "registerProtocol(name, () => { throw new Error('unused'); });",
      '',
    ].join('\n'));
    const r = cliSpawned(['list', '--protocols', '--plugin', plugin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vsynclab: --plugin ${plugin}: read as CommonJS, so its imports of ES modules fail; add "type": "module" to ${join(dir, 'package.json')}, or rename it plugin.mts (Node: "Cannot require() ES Module ... in a cycle")\n`);
  });

  describe('what a plugin registers (issue 10: nothing taken silently)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsynclab-plugin-shapes-'));
    const registry = pathToFileURL(join(process.cwd(), 'protocol/registry.ts')).href;
    let count = 0;
    const plugin = (body: string): string => {
      const file = join(dir, `p${++count}.mts`);
      writeFileSync(file, `import { registerProtocol } from '${registry}';\n${body}\n`);
      return file;
    };

    it('a plugin that registers a built-in name is refused, and the built-in stays', async () => {
      const file = plugin("registerProtocol('isis', () => { throw new Error('not isis'); });");
      await expect(loadPlugins(pluginUrls([file]))).rejects.toThrow(/registers the protocol "isis", a built-in protocol; expected a name of its own/);
      expect(protocolFactory('isis')).toBe(isisProtocols.isis);
    });

    it('a plugin that re-registers an earlier plugin\'s name is refused', async () => {
      const first = plugin("registerProtocol('test-shape-twice', () => { throw new Error('first'); });");
      const second = plugin("registerProtocol('test-shape-twice', () => { throw new Error('second'); });");
      await expect(loadPlugins(pluginUrls([first, second]))).rejects.toThrow(/p\d+\.mts: registers the protocol "test-shape-twice", which an earlier plugin registered/);
    });

    it('a name with control characters, an empty name, a name that is not a string, a factory that is not a function: refused', async () => {
      await expect(loadPlugins(pluginUrls([plugin("registerProtocol('bad\\u001b[2J', () => ({}) as never);")]))).rejects.toThrow(/registers a protocol named "bad\\u001b\[2J" \(string\); expected a name of 1 to 200 characters/);
      await expect(loadPlugins(pluginUrls([plugin("registerProtocol('', () => ({}) as never);")]))).rejects.toThrow(/registers a protocol named "" \(string\)/);
      await expect(loadPlugins(pluginUrls([plugin('registerProtocol(7 as never, () => ({}) as never);')]))).rejects.toThrow(/registers a protocol named 7 \(number\)/);
      await expect(loadPlugins(pluginUrls([plugin("registerProtocol('test-shape-factory', 42 as never);")]))).rejects.toThrow(/"test-shape-factory" with a factory of type number; expected a function/);
    });

    it('a plugin that throws an object whose toString throws is bad input, not an internal error', async () => {
      const file = plugin("throw { toString() { throw new Error('no'); } };");
      await expect(loadPlugins(pluginUrls([file]))).rejects.toThrow(/the module failed to load: a thrown object that cannot be printed/);
    });

    it('a plugin whose top-level await never settles is named, exit 2 (Node alone ends with 13 and no word)', () => {
      const file = join(dir, 'never.mjs');
      writeFileSync(file, 'await new Promise(() => {});\n');
      const r = cliSpawned(['list', '--protocols', '--plugin', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^vsynclab: --plugin .*never\.mjs: the module never finished loading \(a top-level await that never settles\)/);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    });

    it('a plugin that registers nothing is noted on standard error (it changes nothing)', async () => {
      const file = plugin('export const nothing = 1;');
      const r = await cliInProcess('list', '--protocols', '--plugin', file);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^vsynclab: note: --plugin .*p\d+\.mts registered no protocol, so it changes nothing/);
    });
  });
});
