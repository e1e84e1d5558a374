// `vsynclab list`: what there is to run.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { protocolNames } from '../../protocol/registry.ts';
import '../../protocol/builtin.ts';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { loadScenarios } from '../../sim/scenario-files.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { InputError } from '../errors.ts';
import { escapeControl } from '../../core/input-error.ts';

interface ListArgs {
  paths: string[];
  protocols: boolean;
  mutants: boolean;
  plugin?: string | string[];
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list [paths..]',
  describe: 'List the scenarios of a suite (default: the default suite), or the protocols',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'scenario files or suite folders' })
      .option('protocols', { type: 'boolean', default: false, describe: 'list the protocols scenarios can name' })
      .option('mutants', { type: 'boolean', default: false, describe: 'list the mutants (deliberately broken protocol variants)' })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols first (repeatable): its protocols are listed, its scenarios load' })
      .example('$0 list --protocols --plugin my-protocol.ts', 'the built-in protocols and those the plugin registers') as unknown as Argv<ListArgs>,
  handler: async (args: ArgumentsCamelCase<ListArgs>) => {
    // One list per command line: a second would be dropped silently.
    if (args.mutants && args.protocols) throw new InputError('--mutants and --protocols: give one or the other');
    if ((args.mutants || args.protocols) && args.paths.length > 0) {
      throw new InputError(`${args.mutants ? '--mutants' : '--protocols'}: lists no scenarios; give the paths without it, or it without the paths`);
    }
    await loadPlugins(pluginUrls(([] as string[]).concat(args.plugin ?? [])));
    if (args.mutants) {
      for (const m of MUTANTS) {
        process.stdout.write(`${m.name}  (${m.file})\n    ${m.summary}\n    imitates: ${m.imitates}\n    should break: ${m.breaks.join(', ')}\n`);
      }
      return;
    }
    if (args.protocols) {
      // A plugin may register any name: never print its control characters raw.
      for (const name of protocolNames()) process.stdout.write(`${escapeControl(String(name))}\n`);
      return;
    }
    for (const { file, name, description, seeds } of loadScenarios(args.paths)) {
      // A file found in a suite folder may be named with control characters: never print them raw.
      process.stdout.write(`${escapeControl(name)}  (${escapeControl(file)}, ${seeds.length} seeds)\n    ${escapeControl(description)}\n`);
    }
  },
};
