// fuzz-cli section: a counterexample written by explore, given to every trace command (scripts/fuzz-cli.ts says what is flagged).
import { readFileSync } from 'node:fs';
import { ESC, EXPLORE_PLUGIN, cex, freshPath, write, type Case, type Expect } from './shared.ts';

export async function exploreCases(): Promise<Case[]> {
  const plugin = EXPLORE_PLUGIN;
  const lines = readFileSync(cex, 'utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  const variants: [string, Expect, string][] = [
    ['the counterexample', 'accept', lines.join('\n') + '\n'],
    ['cut in the last line', 'refuse', (lines.join('\n') + '\n').slice(0, -8)],
    ['without its end event', 'either', lines.slice(0, -1).join('\n') + '\n'],
    ['without its last step', 'either', [...lines.slice(0, -2), lines[lines.length - 1]!].join('\n') + '\n'],
    ['exploreChoices deleted', 'either', [JSON.stringify({ ...header, exploreChoices: undefined }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = "x"', 'refuse', [JSON.stringify({ ...header, exploreChoices: 'x' }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [null]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [null] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [-1]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [-1] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [1e9]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [1_000_000_000] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices = [{}]', 'refuse', [JSON.stringify({ ...header, exploreChoices: [{}] }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices reversed', 'either', [JSON.stringify({ ...header, exploreChoices: [...(header.exploreChoices as unknown[])].reverse() }), ...lines.slice(1)].join('\n') + '\n'],
    ['exploreChoices with escapes', 'either', [JSON.stringify({ ...header, exploreChoices: [ESC] }), ...lines.slice(1)].join('\n') + '\n'],
    ['CRLF', 'accept', lines.join('\r\n') + '\r\n'],
    ['a BOM', 'accept', `\ufeff${lines.join('\n')}\n`],
  ];
  // Every header field of the counterexample, deleted and of a wrong type.
  for (const field of Object.keys(header)) {
    for (const [label, value] of [['deleted', undefined], ['null', null], ['"\\u001b[2J"', ESC], ['{}', {}]] as [string, unknown][]) {
      variants.push([`header.${field} ${label}`, ['format', 'version'].includes(field) ? 'refuse' : 'either', [JSON.stringify({ ...header, [field]: value }), ...lines.slice(1)].join('\n') + '\n']);
    }
  }
  const cases: Case[] = [];
  for (const [what, expect, content] of variants) {
    const file = write('cex.jsonl', content);
    const runs: [string, string[]][] = [
      ['check', ['check', file]],
      ['view', ['view', file]],
      ['inspect', ['inspect', file, '--at', '2', '--plugin', plugin]],
      ['replay', ['replay', file, '--plugin', plugin]],
      ['shrink', ['shrink', file, '--plugin', plugin, '--max-attempts', '3', '--keep-seed', '--out', freshPath('shrunk.json')]],
    ];
    for (const [name, argv] of runs) {
      // exploreChoices is read by replay and inspect only; shrink takes no counterexample (it has no seed): only the shape of its answer is judged.
      const judged = name === 'shrink' ? 'either' : (name === 'check' || name === 'view') && what.startsWith('exploreChoices') ? 'either' : expect;
      cases.push({ section: 'explore', what: `${name}: ${what}`, argv, expect: judged, mentions: [file] });
    }
  }
  return cases;
}
