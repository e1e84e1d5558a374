// The real process around runCli: EPIPE handling and the exit status.
import { hideBin } from './vendor-yargs.ts';
import { runCli } from './main.ts';

// A reader that stops early (`vsynclab run | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(hideBin(process.argv));
