// A command line whose first word is not a command, or that has options
// and no command. yargs would answer `vsynclab --tpyo` with the command
// list and "name a command" (its missing-command check runs before its
// unknown-option one) and `vsynclab rnu` with a bare "Did you mean run?";
// these say what was wrong, on one line, as the other bad input does.

/** Where the full list is: the help, not printed here (one line on standard error). */
const SEE_THE_LIST = 'vsynclab --help lists the commands';

/** How yargs' recommendCommands message begins ("Did you mean run?"). */
const DID_YOU_MEAN = /^Did you mean (\S+)\?$/;

/** The options of a command line that names no command (the help flag, a bare `--` and anything after it aside). */
export function optionsWithoutCommand(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const options = (end < 0 ? argv : argv.slice(0, end)).filter((arg) => arg.startsWith('-') && arg !== '-h' && arg !== '--help');
  // As yargs names an option in "Unknown argument: tpyo": without its dashes and value.
  return options.map((arg) => arg.replace(/^-+/, '').split('=')[0] ?? arg);
}

/** The line for options given with no command: yargs' own words, then what to do. */
export function unknownOptionsLine(options: readonly string[]): string {
  return `Unknown argument${options.length > 1 ? 's' : ''}: ${options.join(', ')}; name a command first (${SEE_THE_LIST})`;
}

/**
 * The line for an unknown command, from yargs' message: "Unknown command:
 * tpyo" (strictCommands) or "Did you mean run?" (recommendCommands, which
 * does not name the word it read: the command line's first word that is not
 * an option). Null for any other message.
 */
export function unknownCommandLine(message: string, argv: readonly string[]): string | null {
  if (message.startsWith('Unknown command: ')) return `${message} (${SEE_THE_LIST})`;
  const suggested = DID_YOU_MEAN.exec(message)?.[1];
  if (suggested === undefined) return null;
  const word = argv.find((arg) => !arg.startsWith('-'));
  return `Unknown command${word === undefined ? '' : `: ${word}`}; did you mean ${suggested}? (${SEE_THE_LIST})`;
}
