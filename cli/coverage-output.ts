// `--coverage` for run and explore: start V8 coverage before the runs, and
// afterwards write coverage.json and coverage.html and print the summary.
import { CoverageCollector } from '../sim/coverage/collector.ts';
import { protocolScope } from '../sim/coverage/scope.ts';
import { coverageSummary } from '../sim/coverage/report.ts';
import { writeCoverage } from '../sim/coverage/write-coverage.ts';
import { prepareOutDir } from './output-paths.ts';

export const DEFAULT_COVERAGE_DIR = 'coverage';

/** `subject` names what ran when it is not a number of runs (an exploration). */
export function startCoverage(pluginPaths: readonly string[], outDir: string, subject?: string): CoverageCollector {
  prepareOutDir(outDir, '--coverage-out');
  const collector = new CoverageCollector(protocolScope(pluginPaths));
  if (subject !== undefined) collector.subject = subject;
  collector.start();
  return collector;
}

/** Stops the collector, writes the files, prints the summary (to standard error when standard output carries a report). */
export function finishCoverage(collector: CoverageCollector, outDir: string, toStderr: boolean): void {
  collector.stop();
  const written = writeCoverage(collector, outDir);
  const out = toStderr ? process.stderr : process.stdout;
  out.write(coverageSummary(written.report));
  out.write(`coverage: ${written.jsonPath}, ${written.htmlPath}\n`);
}
