// scripts/source-mutants.ts --list: which sites a run would try, without
// running anything (a real try runs the whole suite per site: not for npm
// test). Pins the --at filter the triage in notes/t-bench.md relies on, and
// that each listed FILE:LINE:COL points at the text it would replace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function list(...args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/source-mutants.ts', '--list', '--files', 'protocol/isis/fbcast.ts', ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((line) => /^protocol\//.test(line));
}

describe('scripts/source-mutants.ts --list', () => {
  it('lists every site of a FILE:LINE place, each at the column of the text it replaces; FILE:LINE:COL narrows to one', () => {
    const sites = list('--at', 'protocol/isis/fbcast.ts:9');
    expect(sites.length).toBeGreaterThan(1);
    const line = readFileSync('protocol/isis/fbcast.ts', 'utf8').split('\n')[8] ?? '';
    for (const site of sites) {
      const match = /^protocol\/isis\/fbcast\.ts:9:(\d+) {2}(\S+) -> /.exec(site);
      expect(match, site).not.toBeNull();
      const [, column, from] = match as RegExpExecArray;
      expect(line.slice(Number(column) - 1, Number(column) - 1 + (from as string).length)).toBe(from);
    }
    // Column 1 of that line is indentation: no site there.
    const first = sites[0] as string;
    expect(list('--at', `${first.split('  ')[0] as string},protocol/isis/fbcast.ts:9:1`)).toEqual([first]);
  });
});
