// The command line's own edges, before any command runs: no command at all,
// --version, and a command whose required argument is left out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandName, commands } from '../../cli/commands/index.ts';
import { cliInProcess, cliSpawned } from './cli-harness.ts';

describe('vsynclab with no command', () => {
  it('prints the command list on standard output, then one line on standard error, exit 2 (as git and npm print their usage, non-zero)', async () => {
    const r = await cliInProcess();
    expect(r.status).toBe(2);
    for (const entry of commands) expect(r.stdout).toContain(`vsynclab ${entry.command}`);
    expect(r.stderr).toBe('vsynclab: name a command; see the list above (vsynclab COMMAND --help for one command)\n');
  });

  it('prints what --help prints (the compiled CLI: in-process, yargs writes --help through console.log)', () => {
    const help = cliSpawned(['--help']);
    const none = cliSpawned([]);
    expect(help.status).toBe(0);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Options:');
    expect(none.stdout).toBe(help.stdout);
  });
});

describe('vsynclab --version', () => {
  it("prints package.json's version, exit 0, in-process and from the compiled bundle", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cliInProcess('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(cliSpawned(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('a command without its required argument', () => {
  const required = commands.filter((entry) => entry.command.includes('<'));

  it('is every command with a <positional> (the list below is not empty by accident)', () => {
    expect(required.map(commandName)).toEqual(['check', 'inspect', 'shrink', 'explore', 'view', 'export', 'merge-reports']);
  });

  it.each(required.map((entry) => [commandName(entry), entry.needs] as const))('%s: one line naming what is missing, exit 2', async (name, needs) => {
    const r = await cliInProcess(name);
    expect(r.status).toBe(2);
    expect(needs).toMatch(new RegExp(`^name .*\\(vsynclab ${name} [A-Z]`));
    expect(r.stderr).toBe(`vsynclab: ${name}: ${needs}\n`);
    expect(r.stdout).toBe('');
  });

  it('says so in a French locale too (yargs would translate its message, and it is recognised by its words)', async () => {
    const saved = process.env['LC_ALL'];
    process.env['LC_ALL'] = 'fr_FR.UTF-8';
    try {
      const r = await cliInProcess('view');
      expect(r.stderr).toBe(`vsynclab: view: ${commands.find((entry) => commandName(entry) === 'view')?.needs}\n`);
    } finally {
      if (saved === undefined) delete process.env['LC_ALL'];
      else process.env['LC_ALL'] = saved;
    }
  });

  it('says so with flags given and the argument still missing', async () => {
    const r = await cliInProcess('check', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vsynclab: check: ${commands.find((entry) => commandName(entry) === 'check')?.needs}\n`);
  });
});
