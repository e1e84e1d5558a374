// The command list. Each command's module is imported only when that command
// runs (or shows its own help): `vsynclab --help` and one command load a
// fraction of the library, which keeps start-up close to a bare `node`.
// Add one entry per command file; `command` and `describe` must be the
// module's own (test/cli/commands-index.spec.ts compares them).
import type { CommandModule } from 'yargs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any, any>;

export interface LazyCommand {
  /** The yargs command string, as in the module. */
  command: string;
  describe: string;
  load(): Promise<AnyCommand>;
}

export const commands: readonly LazyCommand[] = [
  {
    command: 'run [paths..]',
    describe: 'Run scenario files or suite folders (default: the default suite) and check every run',
    load: async () => (await import('./run.ts')).runCommand,
  },
  {
    command: 'check <files..>',
    describe: 'Check traces (.jsonl, .jsonl.gz, or - for standard input) against the trace properties',
    load: async () => (await import('./check.ts')).checkCommand,
  },
  {
    command: 'replay [trace]',
    describe: 'Re-run the scenario and seed of a trace and compare the traces byte for byte',
    load: async () => (await import('./replay.ts')).replayCommand,
  },
  {
    command: 'inspect <trace>',
    describe: "Replay a trace to just after one event and print each process's protocol state",
    load: async () => (await import('./inspect.ts')).inspectCommand,
  },
  {
    command: 'shrink <trace>',
    describe: 'Shrink a failing run to a smaller scenario that fails the same way',
    load: async () => (await import('./shrink.ts')).shrinkCommand,
  },
  {
    command: 'mutants [paths..]',
    describe: 'Run the suite (default: the default suite) against every mutant; report which are caught and how fast',
    load: async () => (await import('./mutants.ts')).mutantsCommand,
  },
  {
    command: 'hunt [paths..]',
    describe: 'Search for failures: mutate the scenarios that reach new coverage, report failures shrunk',
    load: async () => (await import('./hunt.ts')).huntCommand,
  },
  {
    command: 'explore <scenario>',
    describe: 'Model-check a small configuration: explore every interleaving of a scenario, untimed',
    load: async () => (await import('./explore.ts')).exploreCommand,
  },
  {
    command: 'view <trace>',
    describe: 'Show a trace: a timeline in the terminal, or a space-time diagram with --html',
    load: async () => (await import('./view.ts')).viewCommand,
  },
  {
    command: 'export <trace>',
    describe: 'Convert a trace for another tool (ShiViz)',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  {
    command: 'list [paths..]',
    describe: 'List the scenarios of a suite (default: the default suite), or the protocols',
    load: async () => (await import('./list.ts')).listCommand,
  },
  {
    command: 'merge-reports <files..>',
    describe: 'Merge the JSON reports of `run --shard I/N` jobs into one report (pretty, JSON or JUnit)',
    load: async () => (await import('./merge-reports.ts')).mergeReportsCommand,
  },
];

/** The command's name: the first word of its command string. */
export function commandName(command: LazyCommand): string {
  return command.command.split(' ')[0] ?? command.command;
}

/**
 * The yargs modules for one command line: the named command (the first word
 * that names one) in full, with its options and handler; every other one as
 * a stub that only lists it in the help and in "did you mean" suggestions.
 */
export async function commandModulesFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const names = new Set(commands.map(commandName));
  const named = argv.find((arg) => names.has(arg));
  return Promise.all(
    commands.map(async (entry) =>
      commandName(entry) === named
        ? entry.load()
        : {
            command: entry.command,
            describe: entry.describe,
            handler: () => {
              // Unreachable unless the lookup above and yargs disagree: never succeed silently.
              throw new Error(`command ${commandName(entry)} was not loaded`);
            },
          },
    ),
  );
}
