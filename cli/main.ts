// The vsynclab command line. Each command lives in cli/commands/ and is thin:
// parse, call the library, print. Bad input exits 2 with a one-line reason.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from './errors.ts';
import { commands } from './commands/index.ts';

// A reader that stops early (`vsynclab run | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv))
    .scriptName('vsynclab')
    .usage('$0 <command> [options]\n\nDeterministic simulation and model checking of ISIS-style process groups.')
    .strict()
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new InputError(message ?? 'invalid command line');
    });
  for (const command of commands) cli = cli.command(command);
  await cli.parseAsync();
}

main().catch((error: unknown) => {
  if (error instanceof InputError) {
    process.stderr.write(`vsynclab: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`vsynclab: internal error: ${message}\n`);
  process.exitCode = 3;
});
