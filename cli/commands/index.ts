// The command list. Add one import and one entry per command file.
import type { CommandModule } from 'yargs';
import { listCommand } from './list.ts';
import { replayCommand } from './replay.ts';
import { runCommand } from './run.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [runCommand, replayCommand, listCommand];
