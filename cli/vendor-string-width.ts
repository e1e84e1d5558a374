// The string width the yargs bundle uses for its help layout (npm run
// build:vendor aliases `string-width` to this file). The real package
// builds a large emoji regex at load time, a good part of the CLI's
// start-up; vsynclab's help text is ASCII, where the width is the number
// of code points once colour codes are stripped.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

export default function stringWidth(text: string): number {
  return [...text.replace(ANSI_ESCAPE, '')].length;
}
