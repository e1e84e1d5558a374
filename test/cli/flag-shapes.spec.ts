// The shapes of a command line yargs would take silently (issue 10), checked
// before it reads them; and, in-process, that each reaches the user as one
// line, exit 2.
import { describe, expect, it } from 'vitest';
import { BOOLEAN_FLAGS, checkFlagShapes, REPEATABLE_FLAGS, VALUE_FLAGS } from '../../cli/flag-shapes.ts';
import { commands } from '../../cli/commands/index.ts';
import yargs from '../../cli/vendor-yargs.ts';
import { InputError } from '../../cli/errors.ts';
import { cliInProcess } from './cli-harness.ts';

describe('checkFlagShapes', () => {
  it('takes a well-formed command line unchanged', () => {
    const argv = ['run', 's.json', '--seed', '-3', '--workers=2', '--shrink', '--no-progress', '--plugin', 'a.ts', '--plugin', 'b.ts', '--shiviz', '-', '--json=false'];
    expect(checkFlagShapes(argv)).toEqual(argv);
  });

  it.each([
    [['run', '--shrink=abc'], '--shrink: expected no value (or =true, =false), got "abc"'],
    [['run', '--progress=0'], '--progress: expected no value (or =true, =false), got "0"'],
    [['run', '--no-progress=true'], '--no-progress: expected no value (or =true, =false), got "true"'],
    [['run', '--workers'], '--workers: expected a value after it'],
    [['run', '--reporter', '--shrink'], '--reporter: expected a value after it'],
    [['run', '--no-seed'], '--no-seed: --seed takes a value; there is no --no-seed'],
    [['run', '--workers', '1', '--workers', '2'], '--workers: given more than once; expected it once (only one of the values would count)'],
    [['shrink', 't.jsonl', '--out', 'a', '--out=b'], '--out: given more than once'],
    [['view', 't.jsonl', '--check', '--no-check'], '--check: given more than once'],
    [['run', '--out', 'a\nb'], '--out: expected no control characters (a newline, an escape), got "a\\nb"'],
    [['check', 'x\u001b[2J.jsonl'], 'argument 2 ("x\\u001b[2J.jsonl"): expected no control characters'],
  ])('%j', (argv, message) => {
    expect(() => checkFlagShapes(argv)).toThrow(InputError);
    expect(() => checkFlagShapes(argv)).toThrow(message);
  });

  it('leaves unknown flags to yargs, and refuses a lone -- (yargs keeps what follows apart, where no command reads it)', () => {
    expect(checkFlagShapes(['list', '--tpyo=1'])).toHaveLength(2);
    expect(() => checkFlagShapes(['list', '--', '--protocols'])).toThrow('--: no command reads the arguments after a lone --; to name a file that starts with "-", write ./-name');
  });

  it('reaches the user as one line, exit 2, with no control character raw', async () => {
    for (const argv of [['list', '--protocols=abc'], ['list', '--protocols', '--protocols'], ['check', 'a\u001b]0;x\u0007.jsonl'], ['view', 't.jsonl', '--from']]) {
      const r = await cliInProcess(...argv);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    }
  });
});

describe('the flag lists match what the commands declare', () => {
  // The lists are written out so that a command line is checked without loading every command;
  // this keeps them from drifting: a new option missing from them would go unchecked.
  it('lists every option of every command under its kind, and nothing no command declares', async () => {
    const declared = new Map<string, 'boolean' | 'value'>();
    for (const entry of commands) {
      const command = await entry.load();
      const parser = yargs([]);
      if (typeof command.builder === 'function') command.builder(parser);
      const options = (parser as unknown as { getOptions(): { boolean: string[]; key: Record<string, unknown> } }).getOptions();
      const positionals = new Set([...entry.command.matchAll(/[<[]([a-z-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]));
      for (const name of Object.keys(options.key)) {
        if (/[A-Z]/.test(name) || positionals.has(name) || name === 'version') continue; // camelCase aliases, positionals, yargs' own
        declared.set(name, options.boolean.includes(name) ? 'boolean' : 'value');
      }
    }
    const unlisted = [...declared].filter(([name, kind]) => !(kind === 'boolean' ? BOOLEAN_FLAGS : VALUE_FLAGS).has(name));
    expect(unlisted).toEqual([]);
    const undeclared = [...BOOLEAN_FLAGS, ...VALUE_FLAGS].filter((name) => name !== 'help' && !declared.has(name));
    expect(undeclared).toEqual([]);
    expect([...REPEATABLE_FLAGS].every((name) => VALUE_FLAGS.has(name))).toBe(true);
  });
});
