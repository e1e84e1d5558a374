// `vsynclab list`: what there is to run.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { protocolNames } from '../../protocol/registry.ts';
import '../../protocol/builtin.ts';
import { MUTANTS } from '../../protocol/mutants/index.ts';
import { loadScenarios } from '../../sim/scenario-files.ts';

interface ListArgs {
  paths: string[];
  protocols: boolean;
  mutants: boolean;
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list [paths..]',
  describe: 'List the scenarios of a suite (default: the default suite), or the protocols',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'scenario files or suite folders' })
      .option('protocols', { type: 'boolean', default: false, describe: 'list the protocols scenarios can name' })
      .option('mutants', { type: 'boolean', default: false, describe: 'list the mutants (deliberately broken protocol variants)' }) as unknown as Argv<ListArgs>,
  handler: (args: ArgumentsCamelCase<ListArgs>) => {
    if (args.mutants) {
      for (const m of MUTANTS) {
        process.stdout.write(`${m.name}  (${m.file})\n    ${m.summary}\n    imitates: ${m.imitates}\n    should break: ${m.breaks.join(', ')}\n`);
      }
      return;
    }
    if (args.protocols) {
      for (const name of protocolNames()) process.stdout.write(`${name}\n`);
      return;
    }
    for (const { file, name, description, seeds } of loadScenarios(args.paths)) {
      process.stdout.write(`${name}  (${file}, ${seeds.length} seeds)\n    ${description}\n`);
    }
  },
};
