// A newcomer copies README's commands as printed. Every `npx vsynclab ...`
// line of the code blocks (sh and yaml) of README and docs/*.md must parse with the CLI's own
// strict parser (cli/main.ts, parseCommandLine: unknown flags, missing
// values, numeric flags, choices), pass `run`'s checks of flag combinations,
// and name scenario files, suites and mutants that exist. Nothing is run
// here (npm test stays fast); the commands were run as printed by hand in
// session 7 (BENCHMARKS.md, "Trustworthy basics").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../cli/main.ts';
import { checkFlagCombinations } from '../cli/commands/run.ts';
import { MUTANTS } from '../protocol/mutants/index.ts';
import { vsynclabArgs } from './cli/shell-words.ts';

const ROOT = new URL('../', import.meta.url);
/** README and the docs/ pages a newcomer follows from it. */
const PAGES = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

/** The `npx vsynclab` command lines in a page's sh and yaml code blocks, with the line they start on. */
function pageCommands(page: string): { where: string; command: string }[] {
  const out: { where: string; command: string }[] = [];
  let fence: string | null = null;
  const lines = readFileSync(new URL(page, ROOT), 'utf8').split('\n');
  for (let k = 0; k < lines.length; k++) {
    const open = /^```(\w*)/.exec(lines[k]!);
    if (open !== null) {
      fence = fence === null ? open[1]! : null;
      continue;
    }
    if (fence !== 'sh' && fence !== 'yaml') continue;
    // A line continued with a backslash is one command.
    let text = lines[k]!;
    const first = k;
    while (text.endsWith('\\') && k + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++k]!.trim()}`;
    for (const part of text.split(' && ')) {
      const at = part.indexOf('npx vsynclab');
      if (at >= 0) out.push({ where: `${page}:${first + 1}`, command: shellReady(part.slice(at)) });
    }
  }
  return out;
}

/**
 * The command alone, as the shell hands it to vsynclab: no comment, no pipe
 * after it, the README's placeholders (a CI matrix value, `$T`, a glob) as
 * the shell would expand them.
 */
function shellReady(text: string): string {
  return text
    .replace(/\s+#\s.*$/, '')
    .replace(/\s+\|\s.*$/, '')
    .replaceAll('${{ matrix.shard }}', '1')
    .replaceAll('$T', 'traces-out/regression-joiner-removed-before-view-seed6.jsonl')
    .replaceAll('shard-*.json', 'shard-1.json')
    .trim();
}

const commands = PAGES.flatMap(pageCommands);
const mutantNames = new Set(MUTANTS.map((m) => m.name));

describe("the vsynclab commands of README and docs/", () => {
  it('are found (the extraction works)', () => {
    expect(commands.length).toBeGreaterThan(40);
    for (const name of ['run', 'check', 'replay', 'inspect', 'shrink', 'explore', 'view', 'export', 'list', 'mutants', 'hunt', 'merge-reports']) {
      expect(commands.some(({ command }) => vsynclabArgs(command)[0] === name), name).toBe(true);
    }
  });

  it.each(commands)('$where `$command` parses as printed', async ({ command }) => {
    const argv = vsynclabArgs(command);
    const parsed = await parseCommandLine(argv);
    if (argv[0] === 'run') checkFlagCombinations(parsed as unknown as Parameters<typeof checkFlagCombinations>[0]);
  });

  it.each(commands)('$where `$command` names files and mutants that exist', ({ command }) => {
    const argv = vsynclabArgs(command);
    for (const word of argv) {
      if (word.startsWith('scenarios/')) expect(existsSync(new URL(word, ROOT)), word).toBe(true);
    }
    for (const flag of ['--mutant', '--only']) {
      const k = argv.indexOf(flag);
      if (k >= 0) expect(mutantNames.has(argv[k + 1]!), argv[k + 1]).toBe(true);
    }
  });

  it('a typo in a flag would be caught (the check can fail)', async () => {
    await expect(parseCommandLine(['run', 'scenarios/isis-steady-load.json', '--seed', '3', '--sead', '4'])).rejects.toThrow('Unknown argument: sead');
    await expect(parseCommandLine(['explore', 'scenarios/explore/cbcast-3x2.json', '--max-states', '0x10'])).rejects.toThrow('--max-states');
  });
});
