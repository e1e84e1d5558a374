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
import { protocolNames } from '../../protocol/registry.ts';
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
});
