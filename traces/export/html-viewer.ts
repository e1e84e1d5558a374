// The self-contained HTML space-time viewer: one file, inline CSS and JS, the
// diagram model embedded as JSON, no network access. Trace strings never
// enter the markup: they live in the JSON block (with `<` escaped) and the
// script puts them in the DOM with textContent. As a second wall, a
// Content-Security-Policy allows only this page's own script and style (by
// hash) and no fetches at all, so even injected markup could not run code.
import { createHash } from 'node:crypto';
import type { TraceEvent, TraceHeader } from '../schema.ts';
import { buildDiagramModel, type DiagramOptions } from './diagram-model.ts';
import { CLIENT_ARROWS_JS } from './html-client-arrows.ts';
import { CLIENT_DRAW_JS } from './html-client-draw.ts';
import { CLIENT_LIB_JS } from './html-client-lib.ts';
import { CLIENT_UI_JS } from './html-client-ui.ts';
import { VIEWER_CSS } from './html-style.ts';
import { embedJson } from './json-embed.ts';

export type HtmlViewerOptions = DiagramOptions;

const SCRIPT = `(function () {\n'use strict';\n${CLIENT_LIB_JS}\n${CLIENT_DRAW_JS}\n${CLIENT_ARROWS_JS}\n${CLIENT_UI_JS}\n})();\n`;

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const CSP = [
  "default-src 'none'",
  `script-src ${cspHash(SCRIPT)}`,
  `style-src ${cspHash(VIEWER_CSS)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const BODY = `<header><h1 id="title">vsynclab</h1><span class="meta" id="meta"></span></header>
<div id="toolbar">
<button id="btn-first" title="First events (Home)">&#xAB;</button>
<button id="btn-prev" title="Back (PageUp)">&#x25C0;</button>
<div id="pan-box"><svg id="overview" height="8" preserveAspectRatio="none" aria-label="violations along the trace"></svg>
<input id="pan" type="range" min="0" max="0" step="1" value="0" aria-label="first event shown"></div>
<button id="btn-next" title="Forward (PageDown)">&#x25B6;</button>
<button id="btn-last" title="Last events (End)">&#xBB;</button>
<button id="btn-zoom-out" title="Zoom out (-, ctrl+wheel)">&#x2212;</button>
<button id="btn-zoom-in" title="Zoom in (+, ctrl+wheel)">+</button>
<button id="btn-fit" title="Whole trace">fit</button>
<span id="window-status"></span>
<span class="legend"><span><i class="lg-fifo"></i>fifo</span><span><i class="lg-causal"></i>causal</span><span><i class="lg-total"></i>total</span><span><i class="lg-bad"></i>violation</span></span>
</div>
<main>
<div id="diagram-wrap"><svg id="diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="space-time diagram"></svg></div>
<aside>
<section id="filters"><h2>Filters</h2>
<div class="filter-row"><span class="filter-name">processes</span><span id="filter-processes"></span></div>
<div class="filter-row"><span class="filter-name">messages</span><span id="filter-kinds"></span></div>
<div class="filter-row"><label class="filter-name" for="filter-msg">message</label><input id="filter-msg" type="text" placeholder="id, key or kind" autocomplete="off"></div>
<div class="filter-row"><label class="filter-name" for="filter-violation">violation</label><select id="filter-violation"><option value="-1">every event</option></select></div>
</section>
<section id="violations"><h2>Violations</h2><div id="violations-body"></div></section>
<section id="details"><h2>Event</h2><div id="details-body"><p class="hint">Hover an event for a summary, click it for details. Drag or scroll to pan; ctrl+wheel zooms.</p></div></section>
<section id="views"><h2>Views</h2><div id="views-body"></div></section>
</aside>
</main>
<div id="tooltip" hidden></div>`;

/** The whole HTML page for a trace (same input, same bytes). */
export function renderHtmlViewer(
  header: TraceHeader | undefined,
  events: readonly TraceEvent[],
  options: HtmlViewerOptions = {},
): string {
  const model = buildDiagramModel(header, events, options);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vsynclab trace</title>
<style>${VIEWER_CSS}</style>
</head>
<body>
${BODY}
<script id="vsynclab-data" type="application/json">${embedJson(model)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
