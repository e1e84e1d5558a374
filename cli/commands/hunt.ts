// `vsynclab hunt`: feedback-directed search for failures (sim/hunt/hunt.ts).
// It keeps the candidates that reach new coverage, mutates them, and reports
// every new way of failing as it finds it, shrunk, with the commands that
// replay it. Bounded by --minutes (wall clock) or --runs (deterministic for
// a given --seed). Ctrl-C or SIGTERM stops it cleanly: the findings are
// already written, the corpus and coverage are written then, and it exits
// 130 / 143.
import { processCount } from '../shrink-report.ts';
import chalk from 'chalk';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { hunt, type HuntFinding } from '../../sim/hunt/hunt.ts';
import { writeCorpus, writeFinding } from '../../sim/hunt/hunt-files.ts';
import { loadScenarios } from '../../sim/scenario-files.ts';
import { loadPlugins, pluginUrls } from '../../sim/plugins.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { protocolScope } from '../../sim/coverage/scope.ts';
import { coverageSummary } from '../../sim/coverage/report.ts';
import { writeCoverage } from '../../sim/coverage/write-coverage.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../../sim/shrink.ts';
import { parseSeed, SEED_RULE } from '../../scenarios/validate.ts';
import { InputError } from '../errors.ts';
import { prepareOutDir } from '../output-paths.ts';
import { replayTraceCommand, runScenarioCommand, type RunContext } from '../describe-run.ts';
import { exitStatusOf, interruptedLine, interruption, shouldStop } from '../interrupt.ts';
import { StatusLine, progressWanted } from '../progress.ts';

interface HuntArgs {
  paths: string[];
  minutes?: number;
  runs?: number;
  seed: string;
  out: string;
  mutant?: string;
  plugin?: string | string[];
  shrinkAttempts: number;
  progress: boolean;
}

/** A day: a longer bound is a typo, and a hunt that long wants --runs and a scheduler. */
const MAX_MINUTES = 24 * 60;
const MAX_RUNS = 10_000_000;

export const huntCommand: CommandModule<object, HuntArgs> = {
  command: 'hunt [paths..]',
  describe: 'Search for failures: mutate the scenarios that reach new coverage, report failures shrunk',
  builder: (y: Argv<object>) =>
    y
      .positional('paths', { type: 'string', array: true, default: [], describe: 'the starting scenarios: files or suite folders (default: the default suite)' })
      .option('minutes', { type: 'number', describe: 'stop after this many minutes (wall clock; with --runs, whichever comes first)' })
      .option('runs', { type: 'number', describe: 'stop after this many runs (deterministic for a given --seed; with --minutes, whichever comes first)' })
      .option('seed', { type: 'string', default: '1', describe: "the hunt's own seed: which mutations it makes" })
      .option('out', { type: 'string', default: 'hunt-out', describe: 'folder for findings/, corpus/, coverage.json, coverage.html and hunt.json' })
      .option('mutant', { type: 'string', describe: 'hunt this deliberately broken protocol variant (vsynclab list --mutants)' })
      .option('plugin', { type: 'string', describe: 'a module that registers protocols before the runs (repeatable); its folder is what coverage counts' })
      .option('shrink-attempts', { type: 'number', default: DEFAULT_MAX_ATTEMPTS, describe: 'bound on the candidate runs of each finding\'s shrink (0: do not shrink)' })
      .option('progress', { type: 'boolean', default: false, describe: 'show runs, corpus and findings on standard error even when it is not a terminal' })
      .example('$0 hunt --minutes 5', 'hunt from the default suite for five minutes')
      .example('$0 hunt scenarios/isis-swarm.json --runs 200 --seed 3 --out hunt-3', 'a deterministic hunt of 200 runs')
      .example('$0 hunt --runs 100 --mutant fifo-gap', 'how fast the hunt finds a planted bug') as unknown as Argv<HuntArgs>,
  handler: async (args: ArgumentsCamelCase<HuntArgs>) => {
    if (args.minutes === undefined && args.runs === undefined) throw new InputError('hunt: expected a bound, --minutes N or --runs N');
    if (args.minutes !== undefined && !(Number.isFinite(args.minutes) && args.minutes > 0 && args.minutes <= MAX_MINUTES)) {
      throw new InputError(`--minutes: expected a number above 0 and at most ${MAX_MINUTES}, got ${JSON.stringify(args.minutes)}`);
    }
    if (args.runs !== undefined && !(Number.isInteger(args.runs) && args.runs >= 1 && args.runs <= MAX_RUNS)) {
      throw new InputError(`--runs: expected a whole number from 1 to ${MAX_RUNS}, got ${JSON.stringify(args.runs)}`);
    }
    if (!(Number.isInteger(args.shrinkAttempts) && args.shrinkAttempts >= 0)) {
      throw new InputError(`--shrink-attempts: expected a whole number >= 0, got ${JSON.stringify(args.shrinkAttempts)}`);
    }
    const seed = parseSeed(String(args.seed));
    if (seed === null) throw new InputError(`--seed: expected ${SEED_RULE}, got ${JSON.stringify(args.seed)}`);
    const pluginPaths = ([] as string[]).concat(args.plugin ?? []);
    await loadPlugins(pluginUrls(pluginPaths));
    const suite = loadScenarios(args.paths);
    if (suite.length === 0) throw new InputError('hunt: expected at least one scenario to start from');
    const first = suite[0]!;
    mutantRunOptions(first.forSeed(first.seeds[0] ?? 1), args.mutant); // validates the name
    prepareOutDir(args.out, '--out');
    const context: RunContext = { plugins: pluginPaths, ...(args.mutant !== undefined ? { mutant: args.mutant } : {}) };
    const deadline = args.minutes === undefined ? null : Date.now() + args.minutes * 60_000;
    const status = new StatusLine(progressWanted(args.progress));
    const found: { finding: HuntFinding; report: FindingReport }[] = [];
    let lastRun = 0;
    let corpusSize = 0;
    interruption.arm();
    try {
      const result = await hunt(suite, protocolScope(pluginPaths), {
        seed,
        ...(args.runs !== undefined ? { maxRuns: args.runs } : {}),
        ...(deadline !== null ? { timeUp: () => Date.now() >= deadline } : {}),
        shouldStop,
        ...(args.mutant !== undefined ? { mutant: args.mutant } : {}),
        shrink: args.shrinkAttempts > 0,
        shrinkAttempts: args.shrinkAttempts,
        onRun: (run) => {
          lastRun = run.run;
          corpusSize = run.corpusSize;
          status.update(() => `hunt: run ${run.run}${args.runs !== undefined ? ` of ${args.runs}` : ''}, corpus ${run.corpusSize}, ${found.length} findings${deadline !== null ? `, ${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s left` : ''}`);
        },
        onFinding: (finding) => {
          status.finish();
          const report = reportFinding(args.out, finding, context);
          found.push({ finding, report });
          process.stdout.write(report.text);
        },
      });
      status.finish();
      const corpusDir = writeCorpus(args.out, result.corpus);
      const coverage = writeCoverage(result.coverage, args.out);
      writeFileSync(join(args.out, 'hunt.json'), `${JSON.stringify({
        seed, runs: result.runs, stoppedBy: result.stoppedBy, corpus: result.corpus.length, ...(args.mutant !== undefined ? { mutant: args.mutant } : {}),
        findings: found.map((f) => f.report.json),
        // What the strike mutation tried, per kind and variant (sim/hunt/strike-coverage.ts): the ground the hunt steered to.
        strikes: result.strikes.filter((t) => t.tries > 0),
      }, null, 2)}\n`);
      const totals = coverage.report.totals.branches;
      process.stdout.write([
        `hunt: ${result.runs} runs, ${result.corpus.length} kept in ${corpusDir}, ${found.length} findings; protocol branches run ${totals.run}/${totals.total}`,
        `  coverage: ${coverage.jsonPath}, ${coverage.htmlPath} (${coverageSummary(coverage.report).split('\n')[0]!.replace(/:$/, '')})`,
        `  rerun the corpus: ${runScenarioCommand(corpusDir, context)}`,
        '',
      ].join('\n'));
      const signal = interruption.signal;
      if (signal !== null) {
        process.stderr.write(interruptedLine(signal, `${lastRun} runs made, corpus of ${corpusSize} and ${found.length} findings written to ${args.out}`));
        process.exitCode = exitStatusOf(signal);
        return;
      }
      process.exitCode = found.length === 0 ? 0 : 1;
    } finally {
      status.finish();
      interruption.disarm();
    }
  },
};

interface FindingReport {
  text: string;
  json: Record<string, unknown>;
}

function reportFinding(out: string, finding: HuntFinding, context: RunContext): FindingReport {
  const files = writeFinding(out, finding, context.mutant);
  const target = finding.target.kind === 'property' ? finding.target.property : finding.target.failure;
  const size = finding.shrunk === null ? null : finding.shrunk.after;
  const lines = [
    `${chalk.red('FAIL')} ${finding.scenario.name} seed ${finding.seed} (hunt run ${finding.run}): ${target}`,
    `  found:    ${files.scenarioPath} (${finding.changes.join(', ') || 'as in the suite'})`,
    `  run:      ${runScenarioCommand(files.scenarioPath, context)}`,
  ];
  if (files.shrunk !== null && size !== null) {
    const caveat = finding.shrunk?.boundHit === true ? ' (attempt bound hit: not minimal)' : finding.shrunk?.interrupted === true ? ' (interrupted: not minimal)' : '';
    lines.push(
      `  shrunk:   ${processCount(size)} processes, ${size.multicasts} multicasts, ${size.faults} faults${caveat}: ${files.shrunk.scenarioPath}`,
      `  replay:   ${replayTraceCommand(files.shrunk.tracePath, context)}`,
    );
  }
  return {
    text: `${lines.join('\n')}\n`,
    json: {
      run: finding.run, scenario: finding.scenario.name, seed: finding.seed, target, failure: finding.result.failure,
      properties: [...new Set(finding.result.violations.map((v) => v.property))],
      scenarioFile: files.scenarioPath, runCommand: runScenarioCommand(files.scenarioPath, context),
      ...(files.shrunk !== null ? { shrunkScenario: files.shrunk.scenarioPath, shrunkTrace: files.shrunk.tracePath, replay: replayTraceCommand(files.shrunk.tracePath, context), shrunkSize: size } : {}),
    },
  };
}
