// What scripts/fuzz-traces.ts found (issue 10, session 8), one case each:
// replay, inspect and shrink read a whole trace themselves, and took a BOM,
// CRLF line ends or blank lines at the end (all allowed by the contract) for
// another trace (a refusal, or DIFFERENT / DIVERGED, exit 1); a header's
// scenario that is not a scenario was named "FILE (header scenarioSpec):
// (top level)", not with the line and the field's path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './cli-harness.ts';
import { badInputKit, expectOneLine } from './bad-input-kit.ts';

const kit = badInputKit('traces');
let trace: string;
let text: string;

beforeAll(async () => {
  const scenario = kit.write(JSON.stringify(kit.scenario()));
  trace = join(kit.dir, 'run.jsonl');
  const r = await cliInProcess('replay', '--scenario', scenario, '--seed', '1', '--trace-out', trace);
  expect(r.status, r.stderr).toBe(0);
  text = readFileSync(trace, 'utf8');
});

describe('one trace written another way the contract allows is the same trace', () => {
  const variants: [string, (t: string) => string][] = [
    ['a byte-order mark', (t) => `\ufeff${t}`],
    ['CRLF line ends', (t) => t.replaceAll('\n', '\r\n')],
    ['blank lines at the end', (t) => `${t}\n\n`],
    ['no final newline', (t) => t.trimEnd()],
  ];
  for (const [what, rewrite] of variants) {
    it(`${what}: replay finds it identical, inspect and shrink read it`, async () => {
      const file = kit.write(rewrite(text), '.jsonl');
      const replay = await cliInProcess('replay', file);
      expect(replay.status, replay.stderr).toBe(0);
      expect(replay.stdout).toContain('the run passes');
      const inspect = await cliInProcess('inspect', file, '--at', '3', '--json');
      expect(inspect.status, inspect.stderr).toBe(0);
      expect(inspect.stdout).toBe((await cliInProcess('inspect', trace, '--at', '3', '--json')).stdout);
      // A passing run: shrink reads the header and refuses for that reason alone.
      const shrink = await cliInProcess('shrink', file, '--out', join(kit.dir, 'shrunk.json'));
      expectOneLine(shrink, file, 'passes when run again: nothing to shrink');
    });
  }
});

describe("a header's scenario that is not one", () => {
  const withSpec = (spec: unknown): string => {
    const lines = text.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    lines[0] = JSON.stringify({ ...header, scenarioSpec: spec });
    return kit.write(`${lines.join('\n')}\n`, '.jsonl');
  };

  it('names the line and the field\'s whole path, in replay, inspect and shrink', async () => {
    const file = withSpec(null);
    for (const args of [['replay', file], ['inspect', file, '--at', '1'], ['shrink', file]]) {
      expectOneLine(await cliInProcess(...args), `${file}:1: scenarioSpec: expected an object, got null`);
    }
    const header = JSON.parse(text.split('\n')[0]!) as { scenarioSpec: Record<string, unknown> };
    const late = withSpec({ ...header.scenarioSpec, durationUs: -5 });
    expectOneLine(await cliInProcess('replay', late), `${late}:1: scenarioSpec.durationUs: expected an integer >= 0, got -5`);
  });

  it('several problems: one line each, naming the file, the line and the path', async () => {
    const file = withSpec({});
    const r = await cliInProcess('replay', file);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toContain(`invalid scenario ${file}:1`);
    for (const line of lines.slice(1).filter((l) => !l.includes('... and'))) expect(line.trim()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: scenarioSpec\\.`));
    expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });
});

describe('shrink of a file that is not a valid trace', () => {
  it('names the line, as replay does, instead of shrinking the header\'s run (it read nothing else)', async () => {
    const lines = text.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const cases: [string, string[], string][] = [
      ['a header of another version', [JSON.stringify({ ...header, version: null }), ...lines.slice(1)], ':1: '],
      ['an event of the wrong type', [...lines.slice(0, 3), lines[3]!.replace(/"t":\d+/, '"t":"soon"'), ...lines.slice(4)], ':4: '],
      ['a cut last line', [...lines.slice(0, -1), lines.at(-1)!.slice(0, 10)], `:${lines.length}: `],
    ];
    for (const [what, body, line] of cases) {
      const file = kit.write(`${body.join('\n')}\n`, '.jsonl');
      const r = await cliInProcess('shrink', file, '--out', join(kit.dir, 'x.json'));
      expectOneLine(r, `${file}${line}`);
      expect(r.stderr, what).not.toContain('nothing to shrink');
    }
  });
});
