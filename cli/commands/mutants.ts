// `vsynclab mutants`: run the suite against every mutant and say which the
// testbed catches, how fast, and with what.
import { availableParallelism } from 'node:os';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { MUTANTS, mutantByName } from '../../protocol/mutants/index.ts';
import { checkProtocols, loadScenarios } from '../../sim/scenario-files.ts';
import { huntMutant, seedMajorPlan, type HuntResult } from '../../sim/suite/hunt.ts';
import { InputError } from '../errors.ts';
import { seedsFromOptions } from '../seeds.ts';

interface MutantsArgs {
  paths: string[];
  seed?: string;
  seeds?: string;
  only?: string;
  workers: number;
  json: boolean;
}

export const mutantsCommand: CommandModule<object, MutantsArgs> = {
  command: 'mutants [paths..]',
  describe: 'Run the suite (default: the default suite) against every mutant; report which are caught and how fast',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'scenario files or suite folders' })
      .option('seed', { type: 'string', describe: 'use only this seed' })
      .option('seeds', { type: 'string', describe: "seeds to try per scenario, in order (default each scenario's own)" })
      .option('only', { type: 'string', describe: 'hunt only this mutant' })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads' })
      .option('json', { type: 'boolean', default: false, describe: 'print a JSON array' }) as unknown as Argv<MutantsArgs>,
  handler: async (args: ArgumentsCamelCase<MutantsArgs>) => {
    const seeds = seedsFromOptions(args.seed, args.seeds);
    if (args.only !== undefined && mutantByName(args.only) === undefined) {
      throw new InputError(`--only: unknown mutant ${JSON.stringify(args.only)}, expected one of ${MUTANTS.map((m) => m.name).join(', ')}`);
    }
    const scenarios = checkProtocols(loadScenarios(args.paths));
    const results: HuntResult[] = [];
    for (const mutant of MUTANTS) {
      if (args.only !== undefined && mutant.name !== args.only) continue;
      const result = await huntMutant(mutant.name, seedMajorPlan(scenarios, seeds, mutant.name), args.workers);
      results.push(result);
      if (!args.json) printHunt(result);
    }
    if (args.json) {
      const rows = results.map((r) => ({
        name: r.mutant, caught: r.caught, scenario: r.scenario, seed: r.seed, properties: r.properties,
        seedsToFailure: r.seedsToFailure, runsToFailure: r.runsToFailure, secondsToFailure: Number(r.secondsToFailure.toFixed(3)),
      }));
      process.stdout.write(`${JSON.stringify(rows)}\n`);
    } else {
      const caught = results.filter((r) => r.caught).length;
      const line = `${caught} of ${results.length} mutants caught`;
      process.stdout.write(`${caught === results.length ? chalk.green(line) : chalk.red(line)}\n`);
    }
    process.exitCode = results.every((r) => r.caught) ? 0 : 1;
  },
};

function printHunt(r: HuntResult): void {
  if (!r.caught) {
    process.stdout.write(`${chalk.red('SURVIVED')} ${r.mutant}: no failure in ${r.runsToFailure} runs (${r.secondsToFailure.toFixed(1)} s)\n`);
    return;
  }
  const what = r.properties.length > 0 ? r.properties.join(', ') : (r.failure ?? 'failed');
  process.stdout.write(
    `${chalk.green('caught')}   ${r.mutant}: ${r.scenario} seed ${r.seed} -> ${what}; after ${r.runsToFailure} runs, ${r.seedsToFailure} seeds, ${r.secondsToFailure.toFixed(2)} s\n` +
      `         replay: npx vsynclab replay --scenario ${r.file} --seed ${r.seed} --mutant ${r.mutant} --trace-out ${r.mutant}.jsonl\n`,
  );
}
