// The viewer's stylesheet, inlined in the page (no network fetches). The
// page's Content-Security-Policy allows exactly this text by its hash.
export const VIEWER_CSS = `
:root {
  --bg: #f4f6fa; --card: #ffffff; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb;
  --red: #dc2626; --red-soft: #fee2e2; --accent: #2563eb;
  font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-size: 13px; }
header { padding: 10px 16px 6px; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; font-weight: 650; letter-spacing: .01em; }
header .meta { color: var(--muted); }
header .meta b { color: var(--ink); font-weight: 600; }
header .bad { color: var(--red); font-weight: 650; }
#toolbar { padding: 4px 16px 8px; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
#toolbar button { border: 1px solid var(--line); background: var(--card); border-radius: 6px;
  padding: 3px 9px; font: inherit; cursor: pointer; color: var(--ink); }
#toolbar button:hover { border-color: var(--accent); color: var(--accent); }
#pan-box { position: relative; flex: 1 1 320px; min-width: 200px; display: flex; flex-direction: column; }
#pan { width: 100%; margin: 0; }
#overview { height: 8px; width: 100%; display: block; cursor: pointer; }
#window-status { color: var(--muted); min-width: 210px; font-variant-numeric: tabular-nums; }
.legend { display: flex; gap: 10px; align-items: center; color: var(--muted); margin-left: 8px; }
.lg-fifo { background: #64748b; } .lg-causal { background: #2563eb; }
.lg-total { background: #9333ea; } .lg-bad { background: var(--red); }
.legend i { display: inline-block; width: 18px; height: 3px; border-radius: 2px; vertical-align: middle; margin-right: 4px; }
main { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 12px; padding: 0 16px 16px; min-height: 0; }
#diagram-wrap { background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: auto;
  box-shadow: 0 1px 2px rgba(0,0,0,.04); cursor: grab; min-height: 0; }
#diagram-wrap.dragging { cursor: grabbing; }
#diagram { display: block; user-select: none; }
aside { display: flex; flex-direction: column; gap: 12px; min-height: 0; overflow: auto; }
aside section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px; }
#violations ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.violation { border-left: 3px solid var(--red); background: var(--red-soft); color: #7f1d1d; padding: 6px 8px;
  border-radius: 4px; cursor: pointer; overflow-wrap: anywhere; }
.violation b { color: var(--red); display: block; }
.violation small { color: #991b1b; }
.ok { color: #15803d; }
#views-body { max-height: 220px; overflow: auto; }
#violations-body { max-height: 45vh; overflow: auto; }
.view-row { margin: 3px 0; overflow-wrap: anywhere; }
.hint { color: var(--muted); }
#details-body { overflow-wrap: anywhere; }
#details-body dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 8px; }
#details-body dt { color: var(--muted); }
#details-body dd { margin: 0; overflow-wrap: anywhere; }
#details-body pre { background: #f8fafc; border: 1px solid var(--line); border-radius: 6px; padding: 6px;
  font-size: 11px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 260px; overflow: auto; }
#details-body button { font: inherit; border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; }
.detail-violation { color: var(--red); margin: 4px 0; overflow-wrap: anywhere; }
#tooltip { position: fixed; pointer-events: none; background: #111827; color: #f9fafb; padding: 6px 8px;
  border-radius: 6px; font-size: 12px; max-width: 380px; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  overflow-wrap: anywhere; z-index: 10; }
#tooltip .tt-violation { color: #fca5a5; }
#tooltip .tt-dim { color: #9ca3af; }
svg text { font-family: inherit; }
svg .lane-name { font-size: 12px; font-weight: 600; fill: var(--ink); }
svg .lane-state { font-size: 10px; fill: var(--muted); }
svg .tick { font-size: 10px; fill: var(--muted); font-variant-numeric: tabular-nums; }
svg .band-label { font-size: 10px; font-weight: 650; }
svg .strip-label { font-size: 10px; font-weight: 600; }
svg .msg-label { font-size: 9px; fill: var(--muted); }
svg .violation-label { font-size: 10px; font-weight: 700; fill: var(--red); }
svg .shape { pointer-events: none; }
svg .hit { fill: transparent; cursor: pointer; }
svg .arrow, svg .frame { fill: none; }
svg .frame.dim { opacity: .12; }
svg .frame.hl { stroke-width: 2.4; opacity: 1; }
#filters .filter-row { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; margin: 3px 0; }
#filters .filter-name { color: var(--muted); min-width: 64px; }
#filters .chip { display: inline-flex; align-items: center; gap: 3px; margin-right: 8px; white-space: nowrap; }
#filters input[type=text], #filters select { font: inherit; flex: 1; min-width: 120px; border: 1px solid var(--line); border-radius: 5px; padding: 2px 5px; }
.kind-swatch { display: inline-block; width: 12px; height: 3px; border-radius: 2px; }
.group-cause { font-weight: 650; color: #7f1d1d; margin-bottom: 2px; }
.group-rest { color: #991b1b; font-size: 12px; margin-top: 2px; }
.view-chip { border-radius: 4px; padding: 0 5px; margin-right: 6px; font-weight: 650; }
.view-conflict { color: #7f1d1d; }
.conflict-note { color: var(--red); font-size: 12px; }
#state-panel h3 { font-size: 12px; margin: 8px 0 4px; }
#state-panel ul { margin: 0 0 6px; padding-left: 18px; }
#state-panel li.changed { color: #1d4ed8; }
#state-panel li.removed { color: var(--red); text-decoration: line-through; }
svg .arrow.dim { opacity: .18; }
svg .arrow.hl { stroke-width: 2.6; opacity: 1; }
`;
