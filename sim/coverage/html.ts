// The coverage report as one self-contained HTML page (no scripts, no
// fetches): the files with their counts, each file's source with the lines
// that hold a never-run branch highlighted, and the trace facts.
import type { CoverageReport, FileCoverage } from './report.ts';

export function coverageHtml(report: CoverageReport, sourceOf: (file: string) => string | undefined): string {
  const rows = report.files
    .map((f) => `<tr><td><a href="#${anchor(f.file)}">${esc(f.file)}</a></td><td>${cell(f.branches)}</td><td>${cell(f.functions)}</td></tr>`)
    .join('\n');
  const files = report.files.map((f) => fileSection(f, sourceOf(f.file))).join('\n');
  const facts = Object.entries(report.facts)
    .map(([family, entries]) => {
      const items = Object.entries(entries).map(([what, runs]) => `<li>${esc(what)} <span class="n">${runs} runs</span></li>`).join('');
      return `<h3>${esc(family)}</h3>${items === '' ? '<p>none in these traces</p>' : `<ul>${items}</ul>`}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vsynclab coverage</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table.files td{padding:.1em .8em}
pre{font-size:12px;line-height:1.35;margin:0}
.src{border:1px solid #ccc;overflow-x:auto}
.ln{display:inline-block;width:4em;color:#999;text-align:right;margin-right:1em;user-select:none}
.miss{background:#fdd}
.mark{color:#b00;font-weight:bold}
.n{color:#777}
</style></head><body>
<h1>Protocol coverage</h1>
<p>${esc(report.subject)}. ${esc(report.source)}. Branches ${cell(report.totals.branches)}, functions ${cell(report.totals.functions)}.
Highlighted lines hold a branch point that never ran; hover the mark for its kind.</p>
<table class="files"><tr><th>file</th><th>branches</th><th>functions</th></tr>
${rows}
</table>
${files}
<h2>Trace facts</h2>
${facts}
</body></html>
`;
}

function fileSection(f: FileCoverage, source: string | undefined): string {
  const head = `<h2 id="${anchor(f.file)}">${esc(f.file)}: ${cell(f.branches)} branches, ${cell(f.functions)} functions</h2>`;
  if (source === undefined) {
    const list = f.neverRun.map((n) => `<li>${esc(f.file)}:${n.line} ${n.kind}</li>`).join('');
    return `${head}<p>source not available</p><ul>${list}</ul>`;
  }
  const missByLine = new Map<number, string[]>();
  for (const n of f.neverRun) missByLine.set(n.line, [...(missByLine.get(n.line) ?? []), `${n.kind} at column ${n.column + 1}`]);
  const lines = source.split('\n').map((text, k) => {
    const miss = missByLine.get(k + 1);
    const number = `<span class="ln">${k + 1}</span>`;
    if (miss === undefined) return `${number}${esc(text)}`;
    return `<span class="miss">${number}${esc(text)} <span class="mark" title="${esc(miss.join('; '))}">&#9664; never run: ${esc(miss.join('; '))}</span></span>`;
  });
  return `${head}<div class="src"><pre>${lines.join('\n')}</pre></div>`;
}

function cell(t: { total: number; run: number }): string {
  return `${t.run}/${t.total}`;
}

function anchor(file: string): string {
  return `f-${file.replace(/[^A-Za-z0-9]/g, '-')}`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
