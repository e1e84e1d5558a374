// The vsynclab command line. Each command lives in cli/commands/ and is thin:
// parse, call the library, print. Bad input exits 2 with a one-line reason.
// `runCli` is the whole command line as a function, so tests drive it
// in-process; bin/vsynclab.js is the only caller that owns the real process.
import yargs from './vendor-yargs.ts';
import { InputError } from './errors.ts';
import { escapeControl } from '../traces/input-error.ts';
import { ProtocolHandlerError } from '../sim/system/handlers.ts';
import { joinNegativeSeedValues } from './seeds.ts';
import { checkNumericFlags } from './numeric-flags.ts';
import { checkFlagShapes } from './flag-shapes.ts';
import { commandModulesFor, commandName, namedCommand } from './commands/index.ts';
import { packageVersion } from './package-version.ts';
import { optionsWithoutCommand, unknownCommandLine, unknownOptionsLine } from './unknown-command.ts';

/**
 * Runs one command line (without `node` and the script name) and resolves to
 * its exit status: 0 ok, 1 a failure found, 2 bad input, 3 an internal error.
 * Output goes to process.stdout / process.stderr.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') return printVersion();
  const previous = process.exitCode;
  process.exitCode = undefined;
  let cli: Awaited<ReturnType<typeof commandLine>> | undefined;
  try {
    cli = await commandLine(argv);
    await cli.parseAsync();
    return Number(process.exitCode ?? 0);
  } catch (error: unknown) {
    // No command: the list on standard output, as git and npm print their usage,
    // so that the one line on standard error is true ("see the list above").
    if (error instanceof NoCommandError && cli !== undefined) process.stdout.write(`${await cli.getHelp()}\n`);
    // Messages quote scenario and trace text: never let it reach the terminal raw.
    if (error instanceof InputError) {
      process.stderr.write(`vsynclab: ${escapeControl(error.message)}\n`);
      return 2;
    }
    // A protocol bug found (by explore): a failure of the protocol, with its own frames only.
    if (error instanceof ProtocolHandlerError) {
      process.stderr.write(`vsynclab: ${error.describe()}\n`);
      return 1;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`vsynclab: internal error: ${escapeControl(message)}\n`);
    return 3;
  } finally {
    process.exitCode = previous;
  }
}

/**
 * Parses a command line exactly as `runCli` does (the same strict parser,
 * the same checks of numeric flags) without running the command: resolves
 * to the parsed options of the named command, or throws the InputError
 * `runCli` would print. test/readme-commands.spec.ts checks README's
 * commands with it.
 */
export async function parseCommandLine(argv: readonly string[]): Promise<Record<string, unknown>> {
  let parsed: Record<string, unknown> | undefined;
  const cli = await commandLine(argv, (args) => {
    parsed = args;
  });
  await cli.parseAsync();
  if (parsed === undefined) throw new InputError(`no command ran for ${argv.join(' ')} (only help or a listing?)`);
  return parsed;
}

/** The demandCommand message: a command line that names no command (the help is printed above it). */
const NO_COMMAND = 'name a command; see the list above (vsynclab COMMAND --help for one command)';

/** How yargs' message for a missing required positional (`<trace>`) begins. */
const NOT_ENOUGH_POSITIONALS = 'Not enough non-option arguments';

/** A command line with no command in it: runCli prints the help before the message. */
class NoCommandError extends InputError {}

/** `vsynclab --version`: the package's version, exit 0 (3 if its package.json cannot be found). */
function printVersion(): number {
  const version = packageVersion();
  if (version === undefined) {
    process.stderr.write('vsynclab: internal error: no package.json of vsynclab above the CLI\'s files, so no version to print\n');
    return 3;
  }
  process.stdout.write(`${version}\n`);
  return 0;
}

/** The yargs instance of a command line; `handler`, when given, replaces the named command's own. */
async function commandLine(argv: readonly string[], handler?: (args: Record<string, unknown>) => void): Promise<ReturnType<typeof yargs>> {
  let cli = yargs([...checkFlagShapes(checkNumericFlags(joinNegativeSeedValues(argv)))])
    .scriptName('vsynclab')
    // Every other message is English, and the missing-positional one is recognised by its words (below).
    .locale('en')
    .usage('$0 <command> [options]\n\nDeterministic simulation and model checking of ISIS-style process groups.')
    .strict()
    // "Unknown command: tpyo", not "Unknown argument: tpyo" (which an unknown option gets too).
    .strictCommands()
    .demandCommand(1, NO_COMMAND)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .exitProcess(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      if (message === NO_COMMAND) {
        // `vsynclab --tpyo`: the option is what is wrong (yargs checks for a command first).
        const options = optionsWithoutCommand(argv);
        if (options.length > 0) throw new InputError(unknownOptionsLine(options));
        throw new NoCommandError(message);
      }
      const unknownCommand = message === null || message === undefined ? null : unknownCommandLine(message, argv);
      if (unknownCommand !== null) throw new InputError(unknownCommand);
      // A required positional left out (`vsynclab check`): say which, as the other messages do.
      const named = namedCommand(argv);
      if (message?.startsWith(NOT_ENOUGH_POSITIONALS) === true && named?.needs !== undefined) {
        throw new InputError(`${commandName(named)}: ${named.needs}`);
      }
      // yargs spreads some messages ("Invalid values:", a demand and its hint) over lines: keep to one.
      throw new InputError(oneLine(message ?? 'invalid command line'));
    });
  const named = new Set(argv);
  for (const command of await commandModulesFor(argv)) {
    const own = handler !== undefined && 'builder' in command && named.has(String(command.command).split(' ')[0] ?? '');
    cli = cli.command(own ? { ...command, handler } : command);
  }
  return cli;
}

function oneLine(message: string): string {
  const parts = message.split('\n').map((part) => part.trim()).filter((part) => part !== '');
  return parts.reduce((line, part) => (line === '' ? part : `${line}${line.endsWith(':') ? ' ' : '; '}${part}`), '');
}
