// `vsynclab mutants`: run the suite against every mutant and say which the
// testbed catches, how fast, and with what. The suite's scenarios are tried
// in catch-record order (sim/mutant-hunts.ts), all mutants share one pool of
// workers. Ctrl-C or SIGTERM stops it: the hunts that finished are
// reported, and it exits 130 / 143.
import { availableParallelism } from 'node:os';
import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { MUTANTS, mutantByName } from '../../protocol/mutants/index.ts';
import { checkProtocols, loadScenarios } from '../../sim/scenario-files.ts';
import { seedMajorPlan, type HuntResult } from '../../sim/suite/hunt.ts';
import { byCatchRecord, huntMutants } from '../../sim/mutant-hunts.ts';
import { InputError } from '../errors.ts';
import { checkWorkers } from '../numeric-flags.ts';
import { seedsFromOptions } from '../seeds.ts';
import { replayScenarioCommand } from '../describe-run.ts';
import { exitStatusOf, interruptedLine, interruption, shouldStop, type InterruptSignal } from '../interrupt.ts';
import { StatusLine, progressWanted } from '../progress.ts';

interface MutantsArgs {
  paths: string[];
  seed?: string;
  seeds?: string;
  only?: string;
  workers: number;
  json: boolean;
  progress: boolean;
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
      .option('json', { type: 'boolean', default: false, describe: 'print a JSON array' })
      .option('progress', { type: 'boolean', default: false, describe: 'show how far the hunt is on standard error even when it is not a terminal' }) as unknown as Argv<MutantsArgs>,
  handler: async (args: ArgumentsCamelCase<MutantsArgs>) => {
    const seeds = seedsFromOptions(args.seed, args.seeds);
    checkWorkers(args.workers);
    if (args.only !== undefined && mutantByName(args.only) === undefined) {
      throw new InputError(`--only: unknown mutant ${JSON.stringify(args.only)}, expected one of ${MUTANTS.map((m) => m.name).join(', ')}`);
    }
    const scenarios = byCatchRecord(checkProtocols(loadScenarios(args.paths)));
    const hunted = MUTANTS.filter((m) => args.only === undefined || m.name === args.only);
    const status = new StatusLine(progressWanted(args.progress));
    interruption.arm();
    try {
      const plans = hunted.map((mutant) => ({ mutant: mutant.name, jobs: seedMajorPlan(scenarios, seeds, mutant.name) }));
      const { results } = await huntMutants(plans, args.workers, {
        shouldStop,
        onRun: (m, runs, planned) => status.update(() => `mutant ${m + 1} of ${hunted.length} (${hunted[m]?.name}): ${runs} of at most ${planned} runs`),
        onResult: (result) => {
          status.finish();
          if (!args.json) printHunt(result);
        },
      });
      status.finish();
      process.exitCode = reportHunts(results, hunted.length, args.json, interruption.signal);
    } finally {
      status.finish();
      interruption.disarm();
    }
  },
};

/** Prints the summary (or the JSON array); returns the exit status. */
function reportHunts(results: readonly HuntResult[], planned: number, json: boolean, signal: InterruptSignal | null): number {
  if (json) {
    const rows = results.map((r) => ({
      name: r.mutant, caught: r.caught, scenario: r.scenario, seed: r.seed, properties: r.properties,
      seedsToFailure: r.seedsToFailure, runsToFailure: r.runsToFailure, secondsToFailure: Number(r.secondsToFailure.toFixed(3)),
      ...(r.caught && r.file !== null && r.seed !== null ? { replay: huntReplay(r.file, r.seed, r.mutant) } : {}),
    }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    const caught = results.filter((r) => r.caught).length;
    const line = `${caught} of ${results.length} mutants caught${signal !== null ? ` (${planned - results.length} not hunted: interrupted)` : ''}`;
    process.stdout.write(`${caught === results.length ? chalk.green(line) : chalk.red(line)}\n`);
  }
  if (signal !== null) {
    process.stderr.write(interruptedLine(signal, `${results.length} of ${planned} mutants hunted; the rest were not`));
    return exitStatusOf(signal);
  }
  return results.every((r) => r.caught) ? 0 : 1;
}

function huntReplay(file: string, seed: number, mutant: string): string {
  return replayScenarioCommand(file, seed, `${mutant}.jsonl`, { mutant });
}

function printHunt(r: HuntResult): void {
  if (!r.caught) {
    process.stdout.write(`${chalk.red('SURVIVED')} ${r.mutant}: no failure in ${r.runsToFailure} runs (${r.secondsToFailure.toFixed(1)} s)\n`);
    return;
  }
  const what = r.properties.length > 0 ? r.properties.join(', ') : (r.failure ?? 'failed');
  process.stdout.write(
    `${chalk.green('caught')}   ${r.mutant}: ${r.scenario} seed ${r.seed} -> ${what}; after ${r.runsToFailure} runs, ${r.seedsToFailure} seeds, ${r.secondsToFailure.toFixed(2)} s\n` +
      `         replay: ${huntReplay(r.file ?? '', r.seed ?? 0, r.mutant)}\n`,
  );
}
