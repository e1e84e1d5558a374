// Data embedded in an HTML page as JSON inside <script type="application/json">.
// The HTML parser ends a script element at the first `</script`, and `<!--`
// changes how it scans; escaping every `<` (and, for good measure, `>`, `&`
// and the two JS line separators) as a \u escape keeps the JSON identical
// for JSON.parse while no trace string can close the element.
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

