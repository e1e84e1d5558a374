// `t` beyond 2^53: "an integer number of microseconds", of no bounded size,
// and "t going backwards" is invalid input. JSON.parse rounds such a number
// to the nearest double, so 9007199254740993 then 9007199254740992 would read
// as equal and pass, and 9007199254740993.5 would read as an integer. For
// these rare values (a converter writing epoch nanoseconds, say) the exact
// value is read from the line's own text. Safe integers never come here.

const AFTER_KEY = /\s*:\s*(-?[0-9][0-9.eE+-]*)/y;

/**
 * The text of the number that top-level key `key` of the JSON object `text`
 * holds (the last one when the key repeats, as JSON.parse keeps), or null.
 * `text` is valid JSON (JSON.parse accepted it).
 */
export function topLevelNumberText(text: string, key: string): string | null {
  let depth = 0;
  let found: string | null = null;
  let k = 0;
  while (k < text.length) {
    const c = text[k] as string;
    if (c === '"') {
      const close = stringEnd(text, k);
      if (depth === 1 && isKey(text, close) && (JSON.parse(text.slice(k, close + 1)) as string) === key) {
        AFTER_KEY.lastIndex = close + 1;
        const number = AFTER_KEY.exec(text);
        found = number === null ? null : (number[1] as string);
      }
      k = close + 1;
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    k += 1;
  }
  return found;
}

/** Index of the quote that closes the string opening at `open`. */
function stringEnd(text: string, open: number): number {
  let k = open + 1;
  while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
  return k;
}

/** Whether the string closing at `close` is an object key (a colon follows). */
function isKey(text: string, close: number): boolean {
  let k = close + 1;
  while (k < text.length && /\s/.test(text[k] as string)) k += 1;
  return text[k] === ':';
}

const NUMBER = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** The exact value of a JSON number's text if it is an integer, else null. */
export function exactInteger(numberText: string): bigint | null {
  const parts = NUMBER.exec(numberText);
  if (parts === null) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = parts as unknown as [string, string, string, string?, string?];
  let digits = whole + fraction;
  let exponent = Number(exponentText) - fraction.length;
  while (exponent < 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  if (exponent < 0 && /[1-9]/.test(digits)) return null;
  const magnitude = exponent < 0 ? 0n : BigInt(digits === '' ? '0' : digits) * 10n ** BigInt(exponent);
  return sign === '-' ? -magnitude : magnitude;
}
