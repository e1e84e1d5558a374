// A command line whose first word is not a command, or with options and no
// command: one line naming what is wrong, exit 2, no command list.
import { describe, expect, it } from 'vitest';
import { optionsWithoutCommand, unknownCommandLine, unknownOptionsLine } from '../../cli/unknown-command.ts';
import { cliInProcess } from './cli-harness.ts';

const SEE = '(vsynclab --help lists the commands)';

describe('vsynclab with an option and no command', () => {
  it('vsynclab --tpyo: "Unknown argument: tpyo", exit 2, not the command list', async () => {
    const r = await cliInProcess('--tpyo');
    expect(r).toEqual({ status: 2, stdout: '', stderr: `vsynclab: Unknown argument: tpyo; name a command first ${SEE}\n` });
  });

  it('names every option, without dashes or values, as yargs does after a command', async () => {
    expect((await cliInProcess('-x', '--seeds=3')).stderr).toBe(`vsynclab: Unknown arguments: x, seeds; name a command first ${SEE}\n`);
    // A command after the option is read as its value: still no command.
    expect((await cliInProcess('--tpyo', 'run')).stderr).toBe(`vsynclab: Unknown argument: tpyo; name a command first ${SEE}\n`);
    // After a command, the command's own check names the option (yargs' words, unchanged).
    expect((await cliInProcess('run', '--tpyo')).stderr).toBe('vsynclab: Unknown argument: tpyo\n');
  });

  it('leaves --help, a bare -- and no arguments at all as they were', async () => {
    expect(optionsWithoutCommand(['-h', '--help', '--', '--after'])).toEqual([]);
    expect(optionsWithoutCommand(['--a=1', '-b'])).toEqual(['a', 'b']);
    const none = await cliInProcess();
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Commands:');
    expect(none.stderr).toBe('vsynclab: name a command; see the list above (vsynclab COMMAND --help for one command)\n');
  });
});

describe('vsynclab with an unknown command', () => {
  it('vsynclab tpyo: "Unknown command: tpyo", exit 2', async () => {
    expect(await cliInProcess('tpyo')).toEqual({ status: 2, stdout: '', stderr: `vsynclab: Unknown command: tpyo ${SEE}\n` });
    expect((await cliInProcess('tpyo', '--seeds', '3')).stderr).toBe(`vsynclab: Unknown command: tpyo ${SEE}\n`);
  });

  it('with the command yargs suggests when the word is close to one', async () => {
    expect(await cliInProcess('rnu')).toEqual({ status: 2, stdout: '', stderr: `vsynclab: Unknown command: rnu; did you mean run? ${SEE}\n` });
    expect((await cliInProcess('chek', 'a.jsonl')).stderr).toBe(`vsynclab: Unknown command: chek; did you mean check? ${SEE}\n`);
  });

  it('turns only yargs\' unknown-command messages into these lines', () => {
    expect(unknownCommandLine('Unknown command: x', ['x'])).toBe(`Unknown command: x ${SEE}`);
    expect(unknownCommandLine('Did you mean view?', ['--a', 'veiw'])).toBe(`Unknown command: veiw; did you mean view? ${SEE}`);
    expect(unknownCommandLine('Unknown argument: x', ['run', '--x'])).toBeNull();
    expect(unknownOptionsLine(['a'])).toBe(`Unknown argument: a; name a command first ${SEE}`);
  });
});
