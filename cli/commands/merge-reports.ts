// `vsynclab merge-reports FILE...`: the JSON reports of `run --shard I/N`
// jobs (a CI matrix) merged into one report of the whole plan, printed by
// any reporter, so the matrix ends with one summary. Exit 0 when no run
// failed, 1 when some did, 2 for a bad report file.
import { writeFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { mergeReports, missingShards, readReportFile } from '../reporters/merge.ts';
import { jsonReport } from '../reporters/json.ts';
import { junitReport } from '../reporters/junit.ts';
import { prettyFailure, prettySummary } from '../reporters/pretty.ts';
import { assertNever } from '../../protocol/types.ts';
import { InputError } from '../errors.ts';
import type { SuiteReport } from '../reporters/suite-report.ts';

const REPORTERS = ['pretty', 'json', 'junit'] as const;
type Reporter = (typeof REPORTERS)[number];

interface MergeArgs {
  files: string[];
  reporter: Reporter;
  reportFile?: string;
}

export const mergeReportsCommand: CommandModule<object, MergeArgs> = {
  command: 'merge-reports <files..>',
  describe: 'Merge the JSON reports of `run --shard I/N` jobs into one report (pretty, JSON or JUnit)',
  builder: (y: Argv<object>) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'reports written by vsynclab run --reporter json' })
      .option('reporter', { choices: REPORTERS, default: 'pretty' as Reporter, describe: 'output format' })
      .option('report-file', { type: 'string', describe: 'write the merged report here instead of standard output' })
      .example('$0 merge-reports shard-*.json', 'one summary for the whole CI matrix')
      .example('$0 merge-reports shard-*.json --reporter junit --report-file junit.xml', 'one JUnit file') as unknown as Argv<MergeArgs>,
  handler: (args: ArgumentsCamelCase<MergeArgs>) => {
    const loaded = args.files.map(readReportFile);
    const merged = mergeReports(loaded);
    const missing = missingShards(loaded);
    if (missing.length > 0) process.stderr.write(`vsynclab: merge-reports: no report for shard ${missing.join(', ')}: the merged report lacks their runs\n`);
    const text = render(merged, args.reporter);
    if (args.reportFile !== undefined) writeReportFile(args.reportFile, text);
    else process.stdout.write(text);
    process.exitCode = merged.failed === 0 ? 0 : 1;
  },
};

function writeReportFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new InputError(`--report-file ${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function render(report: SuiteReport, reporter: Reporter): string {
  switch (reporter) {
    case 'json':
      return jsonReport(report);
    case 'junit':
      return junitReport(report);
    case 'pretty': {
      // Wall time: the runs' own seconds, as if one after another (the shards ran side by side).
      const seconds = report.results.reduce((sum, r) => sum + r.wallSeconds, 0);
      return `${report.failures.map(prettyFailure).join('')}${prettySummary(report, report.scenarios.length, seconds)}`;
    }
    default:
      return assertNever(reporter, 'reporter');
  }
}
