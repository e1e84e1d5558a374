// Writes a coverage report: coverage.json (the detail) and coverage.html
// (the page) into a folder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CoverageCollector } from './collector.ts';
import { coverageHtml } from './html.ts';
import { buildCoverageReport, type CoverageReport } from './report.ts';

export interface WrittenCoverage {
  report: CoverageReport;
  jsonPath: string;
  htmlPath: string;
}

export function writeCoverage(collector: CoverageCollector, dir: string, cwd: string = process.cwd()): WrittenCoverage {
  const report = buildCoverageReport(collector, cwd);
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, 'coverage.json');
  const htmlPath = join(dir, 'coverage.html');
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const sourceOf = (file: string): string | undefined => {
    const absolute = resolve(cwd, file);
    const fromMap = collector.branches.contentOf(absolute);
    if (fromMap !== undefined) return fromMap;
    return existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  };
  writeFileSync(htmlPath, coverageHtml(report, sourceOf));
  return { report, jsonPath, htmlPath };
}
