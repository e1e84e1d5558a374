// The real process around runCli: signals, EPIPE handling and the exit
// status. bin/vsynclab.js calls `main` from the single-file CommonJS bundle
// of the CLI (dist/cli/vsynclab.cjs, with a V8 code cache: see
// scripts/bundle-cli.mjs), or through cli/bin-main.ts when there is none.
import { hideBin } from './vendor-yargs.ts';
import { runCli } from './main.ts';
import { installSignalHandlers } from './interrupt.ts';

export async function main(argv: readonly string[]): Promise<void> {
  // Ctrl-C and SIGTERM: long commands stop cleanly, others end at once (cli/interrupt.ts).
  installSignalHandlers();

  // A reader that stops early (`vsynclab run | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  process.exitCode = await runCli(hideBin([...argv]));
}
