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
  /**
   * For a command with a required positional (`<trace>`): what to name when
   * it is missing, and how, printed as `<command>: <needs>` instead of
   * yargs' "Not enough non-option arguments: got 0, need at least 1".
   */
  needs?: string;
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
    needs: 'name at least one trace file (vsynclab check TRACE...; - reads standard input)',
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
    needs: 'name the trace to inspect (vsynclab inspect TRACE --at EVENT)',
    load: async () => (await import('./inspect.ts')).inspectCommand,
  },
  {
    command: 'shrink <trace>',
    describe: 'Shrink a failing run to a smaller scenario that fails the same way',
    needs: 'name the trace of a failing run (vsynclab shrink TRACE)',
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
    needs: 'name a scenario file (vsynclab explore SCENARIO)',
    load: async () => (await import('./explore.ts')).exploreCommand,
  },
  {
    command: 'view <trace>',
    describe: 'Show a trace: a timeline in the terminal, or a space-time diagram with --html',
    needs: 'name the trace to show (vsynclab view TRACE; - reads standard input)',
    load: async () => (await import('./view.ts')).viewCommand,
  },
  {
    command: 'export <trace>',
    describe: 'Convert a trace for another tool (ShiViz)',
    needs: 'name the trace to convert (vsynclab export TRACE --shiviz OUT.log)',
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
    needs: 'name at least one report of vsynclab run --reporter json (vsynclab merge-reports REPORT...)',
    load: async () => (await import('./merge-reports.ts')).mergeReportsCommand,
  },
];

/** The command's name: the first word of its command string. */
export function commandName(command: LazyCommand): string {
  return command.command.split(' ')[0] ?? command.command;
}

/** The command a command line runs: the first word that names one. */
export function namedCommand(argv: readonly string[]): LazyCommand | undefined {
  const names = new Set(commands.map(commandName));
  const named = argv.find((arg) => names.has(arg));
  return commands.find((entry) => commandName(entry) === named);
}

/**
 * The yargs modules for one command line: the named command (the first word
 * that names one) in full, with its options and handler; every other one as
 * a stub that only lists it in the help and in "did you mean" suggestions.
 */
export async function commandModulesFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const named = namedCommand(argv);
  return Promise.all(
    commands.map(async (entry) =>
      entry === named
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
