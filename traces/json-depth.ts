// A nesting bound for JSON text. JSON.parse itself does not recurse, but
// everything after it does (JSON.stringify in a message, validation, the
// protocol's option checks), so a scenario or trace line nested a hundred
// thousand levels deep would end in a RangeError with a stack trace. Text is
// checked before it is parsed; a line shorter than the bound cannot exceed
// it, so ordinary trace lines cost nothing.

/** Arrays and objects nest at most this deep in a scenario or a trace line. */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the bracket that opens level MAX_JSON_DEPTH + 1, or -1 when
 * the text nests no deeper than the bound. Brackets inside strings do not count.
 */
export function excessiveDepthAt(text: string, maxDepth = MAX_JSON_DEPTH): number {
  if (text.length <= maxDepth) return -1;
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 0x5c) k++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return k;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** What to say about text nested too deep. */
export function tooDeepMessage(maxDepth = MAX_JSON_DEPTH): string {
  return `JSON nested deeper than ${maxDepth} levels; expected at most ${maxDepth} levels of arrays and objects`;
}

/** The 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
