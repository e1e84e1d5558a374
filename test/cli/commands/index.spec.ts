// The lazy command list must say what each command module says: the help
// and the suggestions are built from the list, the options from the module.
import { describe, expect, it } from 'vitest';
import { commandModulesFor, commandName, commands, namedCommand } from '../../../cli/commands/index.ts';

describe('the lazy command list', () => {
  it('matches each module\'s own command string and description', async () => {
    for (const entry of commands) {
      const module = await entry.load();
      expect(module.command).toBe(entry.command);
      expect(module.describe).toBe(entry.describe);
    }
  });

  it('loads only the command named on the command line', async () => {
    const modules = await commandModulesFor(['--workers', '2', 'run', 'x.json']);
    const run = modules.find((m) => m.command === 'run [paths..]');
    expect(run?.builder).toBeDefined();
    const others = modules.filter((m) => m !== run);
    expect(others).toHaveLength(commands.length - 1);
    for (const other of others) expect(other.builder).toBeUndefined();
    expect((await commandModulesFor(['--help'])).every((m) => m.builder === undefined)).toBe(true);
  });

  it('finds the command a command line runs, past flags before it; none when no word names one', () => {
    expect(namedCommand(['--workers', '2', 'check', 'run'])?.command).toBe('check <files..>');
    expect(namedCommand(['--help'])).toBeUndefined();
  });

  it('says what to name for every command with a required <positional>, and for no other', () => {
    for (const entry of commands) expect(entry.needs !== undefined, entry.command).toBe(entry.command.includes('<'));
  });

  it('names commands by the first word of their command string', () => {
    expect(commands.map(commandName)).toContain('explore');
    expect(new Set(commands.map(commandName)).size).toBe(commands.length);
  });
});
