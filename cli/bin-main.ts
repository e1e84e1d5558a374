// The real process around runCli: EPIPE handling and the exit status.
import { hideBin } from './vendor-yargs.ts';
import { runCli } from './main.ts';
import { installSignalHandlers } from './interrupt.ts';

// Ctrl-C and SIGTERM: long commands stop cleanly, others end at once (cli/interrupt.ts).
installSignalHandlers();

// A reader that stops early (`vsynclab run | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(hideBin(process.argv));
