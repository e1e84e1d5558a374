// Printed commands survive a shell: quoting round-trips through a splitter
// that reads words as sh does.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../cli/shell-quote.ts';
import { shellWords } from './shell-words.ts';

describe('shellQuote', () => {
  it('leaves plain paths bare and quotes the rest', () => {
    expect(shellQuote('scenarios/a-b_c.json')).toBe('scenarios/a-b_c.json');
    expect(shellQuote('my dir/x.ts')).toBe("'my dir/x.ts'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });

  it('round-trips awkward words through a shell-like split', () => {
    const words = ['npx', 'vsynclab', 'replay', '--plugin', "a b/it's $HOME `x` \"q\"; rm -rf *", '--seed', '7', ''];
    expect(shellWords(shellCommand(words))).toEqual(words);
  });
});

describe('a word with control characters (a file named with an escape sequence)', () => {
  const awkward = ['a\u001b[31mred.json', "tab\there, it's 100% \\ odd\u0007", 'bidi\u202eevil.json', 'é\u009bx'];

  it('is printed without any control character', () => {
    for (const word of awkward) expect(shellQuote(word)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('reads back as the same word in a real POSIX shell (sh)', () => {
    const script = awkward.map((word) => `printf '%s\\n' ${shellQuote(word)}`).join('\n');
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(awkward.map((w) => `${w}\n`).join(''));
  });
});
