// Lint-like: sim/system is the only effect interpreter. No other source file
// switches on the effect kinds, compares an effect with `cancelTimer` (the one
// kind only an interpreter needs to recognise), or calls a protocol's
// handlers through a `protocol` object the way a scheduler would.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../explore/helpers.ts';

const ROOTS = ['sim', 'cli', 'traces', 'checkers', 'scenarios', 'protocol', 'bench', 'test'];
const SKIP = new Set(['node_modules', 'dist']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.[cm]?ts$/.test(name)) out.push(path);
  }
  return out;
}

const files = ROOTS.flatMap((root) => sourceFiles(join(REPO, root))).map((path) => ({
  file: relative(REPO, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

const EFFECT_CASE = /case\s+'(send|setTimer|cancelTimer|observe)'\s*:/;
const CANCEL_COMPARISON = /kind\s*[!=]==?\s*'cancelTimer'/;
const HANDLER_CALL = /\bprotocol\.(init|onMessage|onTimer|onRequest|onSuspect)\s*\(/;

/** The files that break `rule`, except sim/system's own and this spec (which names the patterns). */
function offenders(rule: RegExp): string[] {
  return files.filter(({ file, text }) => !file.startsWith('sim/system/') && !file.endsWith('one-interpreter.spec.ts') && rule.test(text)).map(({ file }) => file);
}

describe('sim/system is the only effect interpreter', () => {
  it('finds the interpreter where it is (the rule can fail)', () => {
    const system = files.filter(({ file }) => file.startsWith('sim/system/'));
    expect(system.some(({ text }) => EFFECT_CASE.test(text))).toBe(true);
    expect(system.some(({ text }) => HANDLER_CALL.test(text))).toBe(true);
    expect(files.length).toBeGreaterThan(100);
  });

  it('no other file switches on the effect kinds', () => {
    expect(offenders(EFFECT_CASE)).toEqual([]);
    expect(offenders(CANCEL_COMPARISON)).toEqual([]);
  });

  it('no other file calls a protocol handler the way a scheduler does', () => {
    expect(offenders(HANDLER_CALL)).toEqual([]);
  });
});
