// The command list. Add one import and one entry per command file.
import type { CommandModule } from 'yargs';
import { checkCommand } from './check.ts';
import { exploreCommand } from './explore.ts';
import { exportCommand } from './export.ts';
import { listCommand } from './list.ts';
import { mergeReportsCommand } from './merge-reports.ts';
import { mutantsCommand } from './mutants.ts';
import { replayCommand } from './replay.ts';
import { runCommand } from './run.ts';
import { shrinkCommand } from './shrink.ts';
import { viewCommand } from './view.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  runCommand,
  checkCommand,
  replayCommand,
  shrinkCommand,
  mutantsCommand,
  exploreCommand,
  viewCommand,
  exportCommand,
  listCommand,
  mergeReportsCommand,
];
