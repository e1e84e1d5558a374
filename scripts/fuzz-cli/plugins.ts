// fuzz-cli section: --plugin modules (scripts/fuzz-cli.ts says what is flagged).
import { join } from 'node:path';
import { ESC, ROOT, dir, text, write, type Case, type Expect } from './shared.ts';

export function pluginCases(): Case[] {
  const cases: Case[] = [];
  const registry = join(ROOT, 'protocol/registry.ts');
  let n = 0;
  /** A TypeScript plugin; `body` may use `register` (registerProtocol) and `NAME` (a fresh protocol name). */
  const plugin = (body: string, ext = '.ts'): { file: string; name: string } => {
    const name = `fuzz-plugin-${++n}`;
    const file = write(`plugin${ext}`, `import { registerProtocol as register } from ${JSON.stringify(registry)};\nconst NAME = ${JSON.stringify(name)};\nvoid register; void NAME;\n${body}\n`);
    return { file, name };
  };
  const scenarioFor = (name: string): string => write('uses-plugin.json', text(`fuzz-uses-${name}`, { protocol: { name } }));
  const add = (what: string, file: string, expect: Expect, mentions: string[] = [file], opts: { run?: string; spawnMs?: number; orNote?: string } = {}): void => {
    cases.push({ section: 'plugins', what: `list: ${what}`, argv: ['list', '--protocols', '--plugin', file], expect: opts.run === undefined ? expect : 'accept', mentions, ...(opts.orNote ? { orNote: opts.orNote } : {}) });
    if (opts.run !== undefined) {
      const s = scenarioFor(opts.run);
      cases.push({ section: 'plugins', what: `run: ${what}`, argv: ['run', s, '--plugin', file, '--workers', '1'], expect, mentions, ...(opts.spawnMs ? { spawnMs: opts.spawnMs } : {}) });
    }
  };
  add('a missing file', join(dir, 'no-plugin.ts'), 'refuse', ['no-plugin.ts']);
  add('a folder', dir, 'refuse');
  add('an empty path', '', 'refuse', ['--plugin']);
  add('a syntax error', plugin('export const = ;').file, 'refuse');
  add('throws an Error at import', plugin('throw new Error("boom at import");').file, 'refuse', ['boom at import']);
  add('throws a string', plugin('throw "a string";').file, 'refuse', ['a string']);
  add('throws undefined', plugin('throw undefined;').file, 'refuse');
  add('throws an object with a throwing toString', plugin('throw { toString() { throw new Error("no"); } };').file, 'refuse');
  add('throws an escape sequence', plugin(`throw new Error(${JSON.stringify(`bad${ESC}`)});`).file, 'refuse');
  add('throws a 10,000-line message', plugin('throw new Error("line\\n".repeat(10000));').file, 'refuse');
  // A plugin that registers nothing is noted, not refused (a test may have imported it first: sim/plugins.ts).
  add('registers nothing', plugin('export const nothing = 1;').file, 'refuse', undefined, { orNote: 'registered no protocol' });
  add('is a JSON file', write('plugin.json', '{"a": 1}'), 'refuse', undefined, { orNote: 'registered no protocol' });
  add('is a text file', write('plugin.txt', 'hello'), 'refuse');
  add('is /dev/null', '/dev/null', 'refuse', ['/dev/null'], { orNote: 'registered no protocol' });
  add('is the same file twice', ...((): [string, Expect] => {
    const p = plugin('register(NAME, () => { throw new Error("unused"); });');
    return [p.file, 'either'];
  })());
  {
    const p = plugin('register("isis", () => { throw new Error("replaced isis"); });');
    add('registers the name of a built-in (isis)', p.file, 'refuse', ['isis']);
  }
  add('registers an empty name', plugin('register("", () => ({}) as never);').file, 'refuse');
  add('registers a name with escapes', plugin(`register(${JSON.stringify(`n${ESC}`)}, () => ({}) as never);`).file, 'refuse');
  add('registers a factory that is not a function', plugin('register(NAME, 42 as never);').file, 'refuse');
  add('registers a name that is not a string', plugin('register(7 as never, () => ({}) as never);').file, 'refuse');
  {
    const p = plugin('register(NAME, () => { throw new Error("factory boom"); });');
    add('a factory that throws', p.file, 'refuse', [p.file.split('/').pop()!.replace(/\.ts$/, ''), 'factory boom'].slice(1), { run: p.name });
  }
  {
    const p = plugin('register(NAME, () => undefined as never);');
    add('a factory that returns undefined', p.file, 'refuse', [], { run: p.name });
  }
  {
    const p = plugin('register(NAME, () => ({ name: NAME }) as never);');
    add('a factory that returns an object without handlers', p.file, 'refuse', [], { run: p.name });
  }
  const handlers = (init: string, rest = ''): string =>
    `register(NAME, () => ({ name: NAME, init: ${init}, onMessage: (s: unknown) => ({ state: s, effects: [] }), onTimer: (s: unknown) => ({ state: s, effects: [] }), onRequest: (s: unknown) => ({ state: s, effects: [] }), ${rest} }) as never);`;
  const viewOf = '{ kind: "observe", observation: { type: "view", view: { id: 1, members: [ctx.self] } } }';
  const runCases: [string, string][] = [
    ['init returns undefined', handlers('() => undefined')],
    ['init returns effects that are not an array', handlers('() => ({ state: {}, effects: 7 })')],
    ['init returns an effect of an unknown kind', handlers('() => ({ state: {}, effects: [{ kind: "teleport" }] })')],
    ['init returns a null effect', handlers('() => ({ state: {}, effects: [null] })')],
    ['init sends to a host that does not exist', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "send", to: "p99", message: 1 }] })`)],
    ['init sets a timer with a negative delay', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "setTimer", timer: "t", delayUs: -5 }] })`)],
    ['init sets a timer with a NaN delay', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "setTimer", timer: "t", delayUs: NaN }] })`)],
    ['init observes an escape sequence', handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "observe", observation: { type: ${JSON.stringify(`x${ESC}`)} } }] })`)],
    ['init returns a state with a cycle', handlers(`(ctx: any) => { const s: any = {}; s.self = s; return { state: s, effects: [${viewOf}] }; }`)],
    ['init returns a state with a BigInt and a function', handlers(`(ctx: any) => ({ state: { n: 1n, f: () => 1 }, effects: [${viewOf}] })`)],
    ['init throws a string', handlers('() => { throw "init string"; }')],
    ['init throws an escape sequence', handlers(`() => { throw new Error(${JSON.stringify(`init${ESC}`)}); }`)],
  ];
  for (const [what, body] of runCases) {
    const p = plugin(body);
    const s = scenarioFor(p.name);
    cases.push({ section: 'plugins', what: `run: ${what}`, argv: ['run', s, '--plugin', p.file, '--workers', '1'], expect: 'either' });
    cases.push({ section: 'plugins', what: `replay: ${what}`, argv: ['replay', '--scenario', s, '--seed', '1', '--plugin', p.file], expect: 'either' });
  }
  {
    // A handler that never returns fails its run at the wall-clock bound (sim/handler-watchdog.ts): the default 10 s, or --handler-timeout-s.
    const p = plugin(handlers('() => { for (;;) {} }'));
    const s = scenarioFor(p.name);
    cases.push({ section: 'plugins', what: 'run: init loops forever (default bound, spawned, 30 s)', argv: ['run', s, '--plugin', p.file, '--workers', '1'], expect: 'either', spawnMs: 30_000 });
    cases.push({ section: 'plugins', what: 'replay: init loops forever (1 s bound, spawned)', argv: ['replay', '--scenario', s, '--seed', '1', '--plugin', p.file, '--handler-timeout-s', '1'], expect: 'either', spawnMs: 15_000 });
    const m = plugin(handlers(`(ctx: any) => ({ state: {}, effects: [${viewOf}, { kind: "send", to: ctx.self, msg: 1 }] })`, 'onMessage: () => { for (;;) {} },'));
    cases.push({ section: 'plugins', what: 'run: a message handler loops forever, 2 seeds on 2 workers (1 s bound, spawned)', argv: ['run', scenarioFor(m.name), '--plugin', m.file, '--seeds', '1..2', '--workers', '2', '--handler-timeout-s', '1'], expect: 'either', spawnMs: 15_000 });
  }
  {
    const p = plugin('await new Promise(() => {});');
    cases.push({ section: 'plugins', what: 'list: awaits forever at import (spawned, 15 s)', argv: ['list', '--protocols', '--plugin', p.file], expect: 'refuse', spawnMs: 15_000 });
  }
  {
    const p = plugin('process.exit(0);');
    cases.push({ section: 'plugins', what: 'list: calls process.exit(0) at import (spawned)', argv: ['list', '--protocols', '--plugin', p.file], expect: 'either', spawnMs: 15_000 });
  }
  return cases;
}
