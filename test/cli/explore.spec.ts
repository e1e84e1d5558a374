// `vsynclab explore` as a user meets it (in-process): exit statuses, the
// JSON report, and a counterexample that `check` flags and `replay` reproduces.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from './cli-harness.ts';
import { vsynclabArgs } from './shell-words.ts';

const FIXTURES = 'test/sim/explore/fixtures';
const PLUGIN = `${FIXTURES}/plugin.ts`;

describe('vsynclab explore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsynclab-explore-'));

  it('ok: exit 0, one JSON object with the counts', async () => {
    const r = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    // 509 states and 1,239 transitions before settled messages left the histories (session 6).
    expect(report).toMatchObject({ result: 'ok', states: 431, transitions: 1161, depth: 9, scenario: 'cbcast-3x1', protocol: 'isis-cbcast-static' });
    for (const field of ['seconds', 'statesPerSecond', 'peakMemoryBytes']) expect(typeof report[field]).toBe('number');
    expect(report).not.toHaveProperty('counterexample');
    expect(report).not.toHaveProperty('bound');
  });

  it('--por --compare reports the states with and without the reduction', async () => {
    const r = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--por', '--compare');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('OK: state space exhausted');
    // 336 and 509 (1.51x) before settled messages left the histories (session 6).
    expect(r.stdout).toMatch(/states 281,/);
    expect(r.stdout).toMatch(/without reductions: ok, 431 states \(1\.53x as many\)/);
  });

  it('--sleep-sets --compare: the same states, and the transitions with and without them', async () => {
    const r = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--sleep-sets', '--compare');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(isis-cbcast-static; bfs, sleep-sets)');
    // 509 states, 730 transitions against 1,239 before settled messages left the histories (session 6).
    expect(r.stdout).toMatch(/states 431, transitions 686,/);
    expect(r.stdout).toMatch(/without reductions: ok, 431 states \(1\.00x as many\), 1161 transitions \(1\.69x as many\)/);
    const json = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--sleep-sets', '--compare', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ result: 'ok', states: 431, transitions: 686, sleepSets: true, por: false, baseline: { states: 431, transitions: 1161 } });
  });

  it('--sleep-sets with --por, --symmetry or --workers 2: exit 2, saying why', async () => {
    for (const [flag, why] of [
      [['--por'], /not combined with --por/],
      [['--symmetry'], /not combined with --symmetry/],
      [['--workers', '2'], /use --workers 1/],
    ] as const) {
      const r = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--sleep-sets', ...flag);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(why);
    }
  });

  it('violated: exit 1, a counterexample that check flags and replay reproduces', async () => {
    const out = join(dir, 'cex.jsonl');
    const r = await cli('explore', `${FIXTURES}/scenarios/broken-cbcast-3x2.json`, '--plugin', PLUGIN, '--json', '--out', out);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { result: string; counterexample: string; violation: { property: string; steps: number } };
    expect(report.result).toBe('violated');
    expect(report.counterexample).toBe(out);
    expect(report.violation).toMatchObject({ property: 'causal-order', steps: 4 });
    expect(existsSync(out)).toBe(true);
    const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'vsynclab-trace', protocol: 'test-cbcast-no-causal-check', scenario: 'broken-cbcast-3x2' });
    expect(header.exploreChoices).toHaveLength(4);

    const check = await cli('check', out, '--json');
    expect(check.status).toBe(1);
    expect((JSON.parse(check.stdout) as { violations: { property: string }[] }).violations.map((v) => v.property)).toContain('causal-order');

    const replay = await cli('replay', out, '--plugin', PLUGIN);
    expect(replay.stdout).toContain('byte-identical');
    expect(replay.status).toBe(0);

    // A counterexample has choices, not a seed: shrink says so instead of "seed: got nothing".
    const shrink = await cli('shrink', out, '--plugin', PLUGIN);
    expect(shrink.status).toBe(2);
    expect(shrink.stderr).toContain(`${out}:1: seed: this is a counterexample of vsynclab explore`);
  });

  it('the printed replay command carries --plugin and runs as printed (issue 10)', async () => {
    // A plugin in a folder whose name needs quoting, as a newcomer's project may be.
    const plugins = join(dir, "my 'plugins'");
    mkdirSync(plugins, { recursive: true });
    const plugin = join(plugins, 'broken plugin.ts');
    writeFileSync(plugin, `import '${pathToFileURL(resolve(PLUGIN)).href}';\n`);
    const out = join(dir, 'printed cex.jsonl');
    const r = await cli('explore', `${FIXTURES}/scenarios/broken-cbcast-3x2.json`, '--plugin', plugin, '--out', out);
    expect(r.status).toBe(1);
    const printed = /see it: (.*); replay it: (.*)$/m.exec(r.stdout);
    expect(printed).not.toBeNull();
    const [, checkLine, replayLine] = printed as unknown as [string, string, string];
    expect(replayLine).toContain('--plugin');
    const replay = await cli(...vsynclabArgs(replayLine));
    expect(replay.stdout).toContain('byte-identical');
    expect(replay.status).toBe(0);
    const check = await cli(...vsynclabArgs(checkLine));
    expect(check.status).toBe(1);
    // The JSON report gives the same command.
    const json = await cli('explore', `${FIXTURES}/scenarios/broken-cbcast-3x2.json`, '--plugin', plugin, '--out', out, '--json');
    expect((JSON.parse(json.stdout) as { replay: string }).replay).toBe(replayLine);
  });

  it('--por where ample sets cannot apply says so in one line (text) and a field (JSON)', async () => {
    const file = join(dir, 'sending.json');
    const scenario = JSON.parse(readFileSync(`${FIXTURES}/scenarios/cbcast-3x1.json`, 'utf8')) as { explore: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...scenario, explore: { ...scenario.explore, receiptsSend: true } }));
    const text = await cli('explore', file, '--por');
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n').filter((l) => l.includes('--por reduces nothing here: explore.receiptsSend is true'))).toHaveLength(1);
    const json = await cli('explore', file, '--por', '--json');
    expect(JSON.parse(json.stdout)).toHaveProperty('porReducesNothing');
    // Where it applies, no such line.
    const applies = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--por');
    expect(applies.stdout).not.toContain('reduces nothing');
  });

  it('unknown: exit 4 naming the bound', async () => {
    const r = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--max-states', '50', '--json');
    expect(r.status).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'unknown', bound: 'maxStates', states: 50 });
  });

  it('bad input: exit 2 with one line naming the file and field', async () => {
    const file = join(dir, 'bad.json');
    const scenario = JSON.parse(readFileSync(`${FIXTURES}/scenarios/cbcast-3x1.json`, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...scenario, explore: { multicastsPerProcess: 'two' } }));
    const r = await cli('explore', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.json: explore.multicastsPerProcess: expected an integer from 0 to 64, got "two"');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect((await cli('explore', join(dir, 'missing.json'))).status).toBe(2);
    expect((await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--max-states', '0')).status).toBe(2);
    expect((await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--crashes', '99')).stderr).toContain('--crashes: expected an integer from 0 to 16');
  });

  it('--budget kind=count sets the budgets; a bad kind or count exits 2 naming it and listing the kinds', async () => {
    const bad = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--budget', 'crash=1,crahs=2');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('vsynclab: --budget: unknown fault kind "crahs", expected one of crash, restart, partition, drop, suspicion, duplicate, leave, join');
    const count = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--budget', 'drop=-1');
    expect(count.status).toBe(2);
    expect(count.stderr).toContain('--budget drop: expected an integer from 0 to 16, got "-1"');
    // One crash anywhere in CBCAST alone (no membership): some survivor never gets a view change, found at once.
    const crash = await cli('explore', `${FIXTURES}/scenarios/cbcast-3x1.json`, '--budget', 'crash=1', '--json', '--out', join(dir, 'budget-crash.jsonl'));
    expect(JSON.parse(crash.stdout)).toMatchObject({ result: 'violated' });
    const header = JSON.parse(readFileSync(join(dir, 'budget-crash.jsonl'), 'utf8').split('\n')[0]!) as { exploreConfig: { budgets: Record<string, number> } };
    expect(header.exploreConfig.budgets).toMatchObject({ crash: 1, drop: 0 });
  });
});
