// Browser code, part 1 of 2: draws the visible window of the diagram model
// into the SVG. Plain ES2019 in a string (tsx would inject helpers into a
// stringified function). Every trace string reaches the DOM through
// textContent or setAttribute, never through markup parsing.
// Shared with part 2 (html-client-ui.ts) inside one IIFE: `model`, `state`,
// `svg`, `wrap`, the layout constants and `render`.
export const CLIENT_DRAW_JS = String.raw`
var SVGNS = 'http://www.w3.org/2000/svg';
var LABEL_W = 136, RULER_H = 40, STRIP_H = 30, BAND_H = 24, PAD_BOTTOM = 18;
var LANE_GAP_MIN = 56, LANE_GAP_MAX = 104, LANE_GAP = LANE_GAP_MIN;
var COL_PX_MIN = 3, COL_PX_MAX = 96;
var ORDER_COLORS = { fifo: '#64748b', causal: '#2563eb', total: '#9333ea', unknown: '#b45309' };
var RED = '#dc2626';
var model = JSON.parse(document.getElementById('vsynclab-data').textContent);
var svg = document.getElementById('diagram');
var wrap = document.getElementById('diagram-wrap');
var cols = model.events.length;
var state = { start: 0, colPx: 36, selected: -1, hoverMsg: null };
var arrowEls = [];

function el(name, attrs, parent) {
  var node = document.createElementNS(SVGNS, name);
  for (var key in attrs) node.setAttribute(key, String(attrs[key]));
  if (parent) parent.appendChild(node);
  return node;
}
function txt(attrs, content, parent) {
  var node = el('text', attrs, parent);
  node.textContent = content;
  return node;
}
function laneY(lane) { return RULER_H + STRIP_H + LANE_GAP / 2 + lane * LANE_GAP; }
function plotBottom() { return laneY(Math.max(0, model.lanes.length - 1)) + LANE_GAP / 2; }
function plotWidth() { return Math.max(120, wrap.clientWidth - LABEL_W - 2); }
function visibleCols() { return plotWidth() / state.colPx; }
function colX(col) { return col < 0 ? LABEL_W : LABEL_W + (col - state.start + 0.5) * state.colPx; }
function hue(view) { return (view * 137.508 + 200) % 360; }
function bandFill(view) { return 'hsl(' + hue(view).toFixed(1) + ',75%,92%)'; }
function bandInk(view) { return 'hsl(' + hue(view).toFixed(1) + ',55%,38%)'; }
function bandEdge(view) { return 'hsl(' + hue(view).toFixed(1) + ',55%,70%)'; }
function viewMembers(id) {
  for (var k = 0; k < model.views.length; k++) if (model.views[k].id === id) return model.views[k].members;
  return [];
}
function clip(text, max) { return text.length > max ? text.slice(0, max - 1) + '\u2026' : text; }
function formatUs(us) {
  if (us >= 1e6) return (us / 1e6).toFixed(us % 1e6 === 0 ? 0 : 2) + 's';
  if (us >= 1e3) return (us / 1e3).toFixed(us % 1e3 === 0 ? 0 : 1) + 'ms';
  return us + 'us';
}
function clampStart(start) {
  var max = Math.max(0, cols - Math.floor(visibleCols()));
  return Math.min(Math.max(0, start), max);
}

function drawDefs(root) {
  var defs = el('defs', {}, root);
  var colors = { fifo: ORDER_COLORS.fifo, causal: ORDER_COLORS.causal, total: ORDER_COLORS.total,
    unknown: ORDER_COLORS.unknown, bad: RED };
  for (var key in colors) {
    var marker = el('marker', { id: 'head-' + key, viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerWidth: 8, markerHeight: 8, markerUnits: 'userSpaceOnUse', orient: 'auto' }, defs);
    el('path', { d: 'M0,1 L10,5 L0,9 z', fill: colors[key] }, marker);
  }
  var cp = el('clipPath', { id: 'plot-clip' }, defs);
  el('rect', { x: LABEL_W, y: 0, width: plotWidth() + 2, height: plotBottom() + PAD_BOTTOM }, cp);
}

function drawPartitions(g, lo, hi) {
  model.partitions.forEach(function (p) {
    var a = p.fromCol < 0 ? -1 : p.fromCol, b = p.toCol;
    if (b < lo || a > hi) return;
    var x1 = a < 0 ? LABEL_W : colX(a), x2 = colX(b);
    el('rect', { x: x1, y: RULER_H, width: Math.max(1, x2 - x1), height: plotBottom() - RULER_H,
      fill: '#fdf4ff', 'class': 'partition-span', 'data-kind': 'partition-span' }, g);
  });
}

function drawLanes(g, lo, hi) {
  model.lanes.forEach(function (lane, index) {
    var y = laneY(index);
    var a = Math.max(lane.startCol, lo - 1), b = Math.min(lane.endCol, hi + 1);
    if (b < a) return;
    el('line', { x1: colX(a), x2: colX(b), y1: y, y2: y, stroke: '#cbd5e1', 'stroke-width': 2 }, g);
  });
  model.bands.forEach(function (band) {
    if (band.toCol < lo - 1 || band.fromCol > hi + 1) return;
    var x1 = colX(band.fromCol), x2 = colX(band.toCol), y = laneY(band.lane);
    var rect = el('rect', { x: x1, y: y - BAND_H / 2, width: Math.max(2, x2 - x1), height: BAND_H, rx: 5,
      fill: bandFill(band.view), stroke: bandEdge(band.view), 'class': 'view-band', 'data-kind': 'view-band' }, g);
    el('title', {}, rect).textContent = 'view ' + band.view + ': ' + viewMembers(band.view).join(', ');
    el('line', { x1: x1, x2: Math.max(x1, x2), y1: y, y2: y, stroke: bandEdge(band.view), 'stroke-width': 2 }, g);
    var labelX = Math.max(x1, LABEL_W) + 4;
    if (x2 - labelX > 16) {
      txt({ x: labelX, y: y - BAND_H / 2 - 3, fill: bandInk(band.view), 'class': 'band-label' }, 'v' + band.view, g);
    }
  });
}

function arrowPath(arrow) {
  var x1 = colX(arrow.fromCol), y1 = laneY(arrow.fromLane);
  var x2 = colX(arrow.toCol), y2 = laneY(arrow.toLane);
  if (arrow.fromLane === arrow.toLane) {
    var lift = Math.min(LANE_GAP * 0.45, 10 + (x2 - x1) * 0.2);
    return 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + (y1 - lift) + ' ' + x2 + ',' + (y1 - lift) + ' ' + (x2 - 1) + ',' + (y2 - 4);
  }
  var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
  var back = 4;
  return 'M' + x1 + ',' + y1 + ' L' + (x2 - dx / len * back).toFixed(1) + ',' + (y2 - dy / len * back).toFixed(1);
}

function drawArrows(g, lo, hi) {
  arrowEls = [];
  model.arrows.forEach(function (arrow) {
    var a = arrow.fromCol < 0 ? -1 : arrow.fromCol;
    if (arrow.toCol < lo || a > hi) return;
    var color = arrow.violated ? RED : (ORDER_COLORS[arrow.order] || ORDER_COLORS.unknown);
    var head = arrow.violated ? 'bad' : (ORDER_COLORS[arrow.order] ? arrow.order : 'unknown');
    var path = el('path', { d: arrowPath(arrow), stroke: color, 'stroke-width': arrow.violated ? 2.2 : 1.3,
      'marker-end': 'url(#head-' + head + ')', 'class': 'arrow' + (arrow.violated ? ' violated-arrow' : ''),
      'data-kind': 'arrow', opacity: arrow.violated ? 1 : 0.8 }, g);
    if (arrow.fromCol < 0) path.setAttribute('stroke-dasharray', '4 3');
    arrowEls.push({ node: path, arrow: arrow });
  });
}

function drawGlobal(g, strip, ev, x, row) {
  var kind = ev.type;
  var color = kind === 'partition' ? '#c026d3' : kind === 'heal' ? '#16a34a' : '#64748b';
  el('line', { x1: x, x2: x, y1: RULER_H, y2: plotBottom(), stroke: color, 'stroke-width': 1.5,
    'stroke-dasharray': kind === 'end' ? '2 3' : '6 4', 'class': 'shape' }, g);
  var label = clip(kind === 'partition' ? '\u2702 ' + ev.label : ev.label, 48);
  // Alternate two rows so neighbouring labels do not overprint; flip to the
  // left of the line near the right edge so the label stays visible.
  var room = LABEL_W + plotWidth() - x;
  var flip = label.length * 6 + 8 > room;
  txt({ x: flip ? x - 4 : x + 4, y: RULER_H + 12 + row * 12, fill: color, 'class': 'strip-label', 'data-kind': kind,
    'text-anchor': flip ? 'end' : 'start' }, label, strip);
}

function drawEvent(g, strip, ev, col, globalRow) {
  var x = colX(col);
  if (ev.lane < 0) { drawGlobal(g, strip, ev, x, globalRow); return RULER_H + 10 + globalRow * 12; }
  var y = laneY(ev.lane), raw = ev.raw, k = { 'class': 'shape', 'data-kind': 'event', 'data-type': ev.type };
  if (ev.type === 'start') {
    el('circle', Object.assign({ cx: x, cy: y, r: 5, fill: '#fff', stroke: '#16a34a', 'stroke-width': 2 }, k), g);
  } else if (ev.type === 'view') {
    var s = 5.5;
    el('path', Object.assign({ d: 'M' + x + ',' + (y - s) + ' L' + (x + s) + ',' + y + ' L' + x + ',' + (y + s) + ' L' + (x - s) + ',' + y + ' z',
      fill: bandInk(raw.view.id), stroke: '#fff', 'stroke-width': 1.5 }, k), g);
  } else if (ev.type === 'bcast') {
    el('circle', Object.assign({ cx: x, cy: y, r: 5.5, fill: ORDER_COLORS[raw.order] || ORDER_COLORS.unknown,
      stroke: '#fff', 'stroke-width': 1.5 }, k), g);
    if (state.colPx >= 34) txt({ x: x, y: y + BAND_H / 2 + 11, 'text-anchor': 'middle', 'class': 'msg-label' }, clip(String(raw.msg), 10), g);
  } else if (ev.type === 'deliver') {
    el('circle', Object.assign({ cx: x, cy: y, r: 2.6, fill: '#334155' }, k), g);
  } else if (ev.type === 'crash') {
    var c = 6;
    el('path', Object.assign({ d: 'M' + (x - c) + ',' + (y - c) + ' L' + (x + c) + ',' + (y + c) + ' M' + (x + c) + ',' + (y - c) + ' L' + (x - c) + ',' + (y + c),
      stroke: RED, 'stroke-width': 3, 'stroke-linecap': 'round' }, k), g);
    txt({ x: x, y: y + BAND_H / 2 + 12, 'text-anchor': 'middle', fill: RED, 'class': 'strip-label' }, 'crash', g);
  } else if (ev.type === 'exit') {
    el('path', Object.assign({ d: 'M' + x + ',' + (y - 9) + ' L' + x + ',' + (y + 9) + ' M' + (x - 7) + ',' + y + ' L' + x + ',' + y,
      stroke: '#111827', 'stroke-width': 3, 'stroke-linecap': 'round' }, k), g);
    txt({ x: x, y: y + BAND_H / 2 + 12, 'text-anchor': 'middle', fill: '#111827', 'class': 'strip-label' }, String(raw.reason), g);
  } else {
    el('circle', Object.assign({ cx: x, cy: y, r: 2.4, fill: '#9ca3af' }, k), g);
  }
  return y;
}

function drawRuler(g, lo, hi) {
  el('rect', { x: 0, y: 0, width: LABEL_W + plotWidth() + 2, height: RULER_H, fill: '#f8fafc' }, g);
  el('line', { x1: 0, x2: LABEL_W + plotWidth(), y1: RULER_H, y2: RULER_H, stroke: '#e5e7eb' }, g);
  var steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  var step = steps[steps.length - 1];
  for (var s = 0; s < steps.length; s++) if (steps[s] * state.colPx >= 64) { step = steps[s]; break; }
  for (var col = Math.ceil(lo / step) * step; col <= hi; col += step) {
    var ev = model.events[col];
    if (!ev) continue;
    var x = colX(col);
    el('line', { x1: x, x2: x, y1: RULER_H - 6, y2: RULER_H, stroke: '#94a3b8' }, g);
    txt({ x: x, y: 15, 'text-anchor': 'middle', 'class': 'tick' }, '#' + ev.i, g);
    txt({ x: x, y: 28, 'text-anchor': 'middle', 'class': 'tick' }, formatUs(ev.t), g);
  }
  txt({ x: 10, y: 15, 'class': 'tick' }, 'event #', g);
  txt({ x: 10, y: 28, 'class': 'tick' }, 'time', g);
}

function drawLaneLabels(g) {
  el('rect', { x: 0, y: RULER_H, width: LABEL_W, height: plotBottom() + PAD_BOTTOM, fill: '#fff' }, g);
  el('line', { x1: LABEL_W, x2: LABEL_W, y1: RULER_H, y2: plotBottom(), stroke: '#e5e7eb' }, g);
  txt({ x: 10, y: RULER_H + 17, 'class': 'lane-state' }, 'network / run', g);
  model.lanes.forEach(function (lane, index) {
    var y = laneY(index);
    var label = el('g', { 'data-kind': 'lane' }, g);
    el('title', {}, label).textContent = lane.id;
    txt({ x: 12, y: y - 2, 'class': 'lane-name', 'data-kind': 'lane-name' }, clip(lane.id, 17), label);
    var stateText = lane.end === 'open' ? (lane.startCol < 0 ? 'live (before window)' : 'live') :
      lane.end === 'crash' ? 'crashed' : 'exit: ' + lane.end;
    var status = txt({ x: 12, y: y + 12, 'class': 'lane-state' }, stateText, g);
    // A class rule outranks a fill attribute; the inline style outranks the class.
    if (lane.end === 'crash') status.style.fill = RED;
  });
}

function drawViolationMarks(g, ev, x, y) {
  el('circle', { cx: x, cy: y, r: 11, fill: 'rgba(220,38,38,0.14)', stroke: RED, 'stroke-width': 2,
    'class': 'violated shape', 'data-kind': 'violation-ring' }, g);
  var names = ev.violations.map(function (v) { return model.violations[v].property; });
  var label = clip('\u26a0 ' + names.join(', '), 40);
  // Above the band's own label; kept inside the plot at its left and right edges.
  var half = label.length * 3.2, left = LABEL_W + 4, right = LABEL_W + plotWidth() - 4;
  var anchor = x - half < left ? 'start' : x + half > right ? 'end' : 'middle';
  var at = anchor === 'start' ? Math.max(left, x - 10) : anchor === 'end' ? Math.min(right, x + 10) : x;
  var top = ev.lane < 0 ? y + 22 : y - BAND_H / 2 - 15;
  txt({ x: at, y: top, 'text-anchor': anchor, 'class': 'violation-label' }, label, g);
}

function render() {
  state.colPx = Math.min(COL_PX_MAX, Math.max(COL_PX_MIN, state.colPx));
  var lanes = Math.max(1, model.lanes.length);
  LANE_GAP = Math.min(LANE_GAP_MAX, Math.max(LANE_GAP_MIN,
    Math.floor((wrap.clientHeight - RULER_H - STRIP_H - PAD_BOTTOM - 4) / lanes)));
  state.start = clampStart(state.start);
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  var width = LABEL_W + plotWidth() + 2, height = plotBottom() + PAD_BOTTOM;
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  drawDefs(svg);
  var lo = Math.max(0, Math.floor(state.start) - 1);
  var hi = Math.min(cols - 1, Math.ceil(state.start + visibleCols()) + 1);
  var plot = el('g', { 'clip-path': 'url(#plot-clip)' }, svg);
  drawPartitions(plot, lo, hi);
  drawLanes(plot, lo, hi);
  drawArrows(el('g', {}, plot), lo, hi);
  var shapes = el('g', {}, plot), marks = el('g', {}, plot), hits = el('g', {}, plot);
  var strip = el('g', {}, plot), globals = 0;
  for (var col = lo; col <= hi; col++) {
    var ev = model.events[col];
    var y = drawEvent(shapes, strip, ev, col, ev.lane < 0 ? globals++ % 2 : 0);
    var x = colX(col);
    if (ev.violations.length > 0) drawViolationMarks(marks, ev, x, y);
    if (col === state.selected) {
      el('circle', { cx: x, cy: y, r: 13, fill: 'none', stroke: '#2563eb', 'stroke-width': 2, 'class': 'shape selected' }, marks);
    }
    el('circle', { cx: x, cy: y, r: Math.max(6, Math.min(11, state.colPx / 2)), 'class': 'hit', 'data-col': col }, hits);
  }
  drawRuler(el('g', {}, svg), lo, hi);
  drawLaneLabels(el('g', {}, svg));
  svg.setAttribute('data-arrows', String(arrowEls.length));
  afterRender(lo, hi);
}
`;
