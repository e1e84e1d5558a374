// Printed commands survive a shell: quoting round-trips through a splitter
// that reads words as sh does.
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
