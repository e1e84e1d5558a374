// Splits a printed command line into argv the way a POSIX shell would (for
// the words vsynclab prints: bare words, single quotes, backslash escapes),
// so tests run a printed replay command exactly as a user pasting it would.
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (c === "'") {
      const end = line.indexOf("'", k + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      word = (word ?? '') + line.slice(k + 1, end);
      k = end;
    } else if (c === '\\') {
      word = (word ?? '') + (line[++k] ?? '');
    } else if (c === '"' || c === '$' || c === '`' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '*' || c === '?') {
      throw new Error(`unquoted shell character ${c} in ${line}`);
    } else if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The argv for cliInProcess of a printed `npx vsynclab ...` command. */
export function vsynclabArgs(command: string): string[] {
  const words = shellWords(command.trim());
  if (words[0] !== 'npx' || words[1] !== 'vsynclab') throw new Error(`not a vsynclab command: ${command}`);
  return words.slice(2);
}
