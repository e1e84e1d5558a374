// `--coverage` for run and explore: a collector before the runs (run's runs
// and explore's exploration go to a coverage worker thread, which sends the
// counts back to it), and afterwards write coverage.json and coverage.html
// and print the summary.
import { CoverageCollector } from '../sim/coverage/collector.ts';
import { protocolScope } from '../sim/coverage/scope.ts';
import { coverageSummary } from '../sim/coverage/report.ts';
import { writeCoverage } from '../sim/coverage/write-coverage.ts';
import { prepareOutDir } from './output-paths.ts';

export const DEFAULT_COVERAGE_DIR = 'coverage';

/** A collector for a suite's runs or an exploration, which run in a coverage worker thread (sim/coverage/run-jobs.ts, explore-jobs.ts): nothing starts here. */
export function prepareCoverage(pluginPaths: readonly string[], outDir: string): CoverageCollector {
  prepareOutDir(outDir, '--coverage-out');
  return new CoverageCollector(protocolScope(pluginPaths));
}

/** Stops the collector, writes the files, prints the summary (to standard error when standard output carries a report). */
export function finishCoverage(collector: CoverageCollector, outDir: string, toStderr: boolean): void {
  collector.stop();
  const written = writeCoverage(collector, outDir);
  const out = toStderr ? process.stderr : process.stdout;
  out.write(coverageSummary(written.report));
  out.write(`coverage: ${written.jsonPath}, ${written.htmlPath}\n`);
}
