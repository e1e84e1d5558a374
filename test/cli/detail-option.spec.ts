// `--detail` on run, replay and shrink, and the scenario's `detail` field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const PLUGIN = join(import.meta.dirname, '..', 'fixtures', 'flood-plugin.ts');
const dir = mkdtempSync(join(tmpdir(), 'vsynclab-detail-cli-'));

function scenarioFile(name: string, overrides: Record<string, unknown> = {}): string {
  const file = join(dir, `${name}.json`);
  // A fixed delay: the flood protocol keeps FIFO order only when nothing overtakes.
  const steady = { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 };
  writeFileSync(file, JSON.stringify({ ...baseScenario({ name, network: steady }), ...overrides }));
  return file;
}

const lines = (file: string): Record<string, unknown>[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('--detail', () => {
  it('a wrong value: exit 2, one line naming the flag and the levels', async () => {
    const file = scenarioFile('plain');
    for (const args of [
      ['run', file, '--plugin', PLUGIN, '--detail', 'verbose'],
      ['replay', '--scenario', file, '--seed', '1', '--plugin', PLUGIN, '--detail', 'verbose'],
      ['shrink', join(dir, 'none.jsonl'), '--detail', 'verbose'],
    ]) {
      const r = await cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('vsynclab: --detail: expected one of app, net, full, got "verbose"\n');
    }
  });

  it('run --trace-out --detail net writes the frames and replays byte for byte', async () => {
    const file = scenarioFile('net-run');
    const trace = join(dir, 'net-run.jsonl');
    expect((await cli('run', file, '--seed', '1', '--plugin', PLUGIN, '--trace-out', trace, '--detail', 'net')).status).toBe(0);
    const all = lines(trace);
    expect(all[0]).toMatchObject({ type: 'header', detail: 'net' });
    expect(all.some((l) => l.type === 'send')).toBe(true);
    expect(all.some((l) => l.type === 'timer')).toBe(false);
    const replay = await cli('replay', trace, '--plugin', PLUGIN);
    expect(replay.stdout).toMatch(/byte-identical/);
    expect(replay.status).toBe(0);
  });

  it('a failing single run is written at full detail whatever the level asked for', async () => {
    const file = scenarioFile('lossy', { network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0.2, duplicateProbability: 0 } });
    const trace = join(dir, 'lossy.jsonl');
    const r = await cli('run', file, '--seed', '1', '--plugin', PLUGIN, '--trace-out', trace);
    expect(r.status).toBe(1);
    const all = lines(trace);
    expect(all[0]).toMatchObject({ detail: 'full' });
    expect(all.some((l) => l.type === 'drop' && l.reason === 'loss')).toBe(true);
    expect((await cli('replay', trace, '--plugin', PLUGIN)).stdout).toMatch(/byte-identical/);
  });

  it('shrink writes the shrunk run at full detail, or at the level --detail names', async () => {
    const file = scenarioFile('to-shrink', { network: { delay: { minUs: 100, meanUs: 1000, jitterUs: 200 }, lossProbability: 0.2, duplicateProbability: 0 } });
    const trace = join(dir, 'to-shrink.jsonl');
    expect((await cli('run', file, '--seed', '1', '--plugin', PLUGIN, '--trace-out', trace)).status).toBe(1);
    const byDefault = join(dir, 'shrunk-default');
    expect((await cli('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '2', '--out', `${byDefault}.json`)).status).toBe(0);
    expect(lines(`${byDefault}.jsonl`)[0]).toMatchObject({ detail: 'full' });
    const asked = join(dir, 'shrunk-net');
    expect((await cli('shrink', trace, '--plugin', PLUGIN, '--max-attempts', '2', '--out', `${asked}.json`, '--detail', 'net')).status).toBe(0);
    const shrunk = lines(`${asked}.jsonl`);
    expect(shrunk[0]).toMatchObject({ detail: 'net' });
    expect(shrunk.some((l) => l.type === 'send')).toBe(true);
    expect(shrunk.some((l) => l.type === 'timer')).toBe(false);
  });

  it('replay of a trace takes its header detail; --detail with a trace is refused; a bad header detail exits 2', async () => {
    const file = scenarioFile('header');
    const trace = join(dir, 'header.jsonl');
    expect((await cli('run', file, '--seed', '1', '--plugin', PLUGIN, '--trace-out', trace, '--detail', 'full')).status).toBe(0);
    const refused = await cli('replay', trace, '--plugin', PLUGIN, '--detail', 'app');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--detail: applies to --scenario runs/);
    const text = readFileSync(trace, 'utf8').replace('"detail":"full"', '"detail":"most"');
    const bad = join(dir, 'bad-detail.jsonl');
    writeFileSync(bad, text);
    const r = await cli('replay', bad, '--plugin', PLUGIN);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad-detail.jsonl:1: detail: expected one of "app", "net", "full", got "most"');
  });

  it("a scenario's detail field: used by replay --scenario; a wrong one exits 2 naming the field", async () => {
    const file = scenarioFile('scenario-detail', { detail: 'full' });
    const trace = join(dir, 'scenario-detail.jsonl');
    expect((await cli('replay', '--scenario', file, '--seed', '1', '--plugin', PLUGIN, '--trace-out', trace)).status).toBe(0);
    expect(lines(trace)[0]).toMatchObject({ detail: 'full' });
    const wrong = scenarioFile('wrong-detail', { detail: 'everything' });
    const r = await cli('run', wrong, '--plugin', PLUGIN);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('wrong-detail.json: detail: expected one of "app", "net", "full", got "everything"');
  });
});
