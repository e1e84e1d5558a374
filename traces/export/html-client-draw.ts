// Browser code, part 1 of 3: draws the visible window of the diagram model
// into the SVG. Plain ES2019 in a string (tsx would inject helpers into a
// stringified function). Every trace string reaches the DOM through
// textContent or setAttribute, never through markup parsing.
// The arrows of multicasts and frames are part 2 (html-client-arrows.ts).
// Shared with part 3 (html-client-ui.ts) inside one IIFE: `model`, `state`,
// `svg`, `wrap`, the layout constants and `render`; the pure helpers
// (layoutLabels, stateAfter) come from html-client-lib.ts.
//
// Filters (process, message kind, message text, violation group) choose the
// visible columns: `shown` lists them in order and `rank[col]` is a column's
// place among them, so the diagram closes up around what is hidden.
export const CLIENT_DRAW_JS = String.raw`
var SVGNS = 'http://www.w3.org/2000/svg';
var LABEL_W = 136, RULER_H = 40, STRIP_H = 30, BAND_H = 24, PAD_BOTTOM = 18;
var LANE_GAP_MIN = 56, LANE_GAP_MAX = 104, LANE_GAP = LANE_GAP_MIN;
var COL_PX_MIN = 0.001, COL_PX_MAX = 96;
var LABEL_GAP = 6;
var ORDER_COLORS = { fifo: '#64748b', causal: '#2563eb', total: '#9333ea', unknown: '#b45309' };
var RED = '#dc2626';
var FRAME_TYPES = { send: true, recv: true, drop: true, dup: true };
var CONTEXT_TYPES = { start: true, view: true, crash: true, exit: true, partition: true, heal: true, end: true, link: true, choice: true };
var model = JSON.parse(document.getElementById('vsynclab-data').textContent);
var svg = document.getElementById('diagram');
var wrap = document.getElementById('diagram-wrap');
var state = { start: 0, colPx: 36, selected: -1, hoverMsg: null,
  hiddenKinds: {}, hiddenLanes: {}, msgText: '', group: -1 };
var shown = [], rank = [], visible = [], cols = 0;
// Past one column per pixel only every n-th column's event and arrow is drawn.
var sampleEvery = 1;
function sampled(col) { return sampleEvery === 1 || col < 0 || rank[col] % sampleEvery === 0; }
var arrowEls = [];
// The variant of the band each view install opens, by column.
var bandVariantAt = {};
model.bands.forEach(function (band) { if (band.fromCol >= 0) bandVariantAt[band.fromCol] = band.variant; });

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
function frameKind(ev) { return FRAME_TYPES[ev.type] && typeof ev.raw.kind === 'string' ? ev.raw.kind : null; }

function isShown(col) {
  var ev = model.events[col];
  if (ev.lane >= 0 && state.hiddenLanes[ev.lane]) return false;
  var kind = frameKind(ev);
  if (kind !== null && state.hiddenKinds[kind]) return false;
  if (CONTEXT_TYPES[ev.type]) return true;
  if (state.msgText !== '') {
    var hit = false;
    for (var k = 0; k < ev.msgs.length; k++) if (ev.msgs[k].indexOf(state.msgText) >= 0) { hit = true; break; }
    if (!hit) return false;
  }
  if (state.group >= 0 && model.groups[state.group].storySet[col] !== true) return false;
  return true;
}

// Recomputes the visible columns after a filter changed.
function applyFilters() {
  shown = []; rank = []; visible = [];
  for (var col = 0; col < model.events.length; col++) {
    rank.push(shown.length);
    var on = isShown(col);
    visible.push(on);
    if (on) shown.push(col);
  }
  cols = shown.length;
}

function laneY(lane) { return RULER_H + STRIP_H + LANE_GAP / 2 + lane * LANE_GAP; }
function plotBottom() { return laneY(Math.max(0, model.lanes.length - 1)) + LANE_GAP / 2; }
function plotWidth() { return Math.max(120, wrap.clientWidth - LABEL_W - 2); }
function visibleCols() { return plotWidth() / state.colPx; }
function posX(pos) { return LABEL_W + (pos - state.start + 0.5) * state.colPx; }
// A hidden column sits on the boundary between its visible neighbours.
function colX(col) {
  if (col < 0) return LABEL_W;
  if (col >= rank.length) return posX(cols - 0.5);
  return posX(visible[col] ? rank[col] : rank[col] - 0.5);
}
function hue(view, variant) { return (view * 137.508 + (variant || 0) * 180 + 200) % 360; }
function bandFill(view, variant) { return 'hsl(' + hue(view, variant).toFixed(1) + ',75%,92%)'; }
function bandInk(view, variant) { return 'hsl(' + hue(view, variant).toFixed(1) + ',55%,38%)'; }
function bandEdge(view, variant) { return 'hsl(' + hue(view, variant).toFixed(1) + ',55%,70%)'; }
function viewName(id, variant) { return 'v' + id + (variant > 0 ? String.fromCharCode(97 + Math.min(variant, 25)) : ''); }
function kindColor(kind) {
  var h = 0;
  for (var k = 0; k < kind.length; k++) h = (h * 31 + kind.charCodeAt(k)) % 360;
  return 'hsl(' + ((h * 7 + 20) % 360) + ',60%,40%)';
}
function viewMembers(id, variant) {
  for (var k = 0; k < model.views.length; k++) {
    var v = model.views[k];
    if (v.id === id && v.variant === (variant || 0)) return v.members;
  }
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
function inRange(a, b, lo, hi) {
  var pa = a < 0 ? -1 : rank[a], pb = b < 0 ? -1 : rank[b];
  return !(pb < lo - 1 || pa > hi + 1);
}

// Labels are collected while drawing and placed at the end (placeLabels), so
// that none overlaps another in its track.
var tracks = {};
function label(track, x, anchor, attrs, content, parent) {
  var node = txt(Object.assign({ x: x, y: -100, 'text-anchor': anchor }, attrs), content, parent);
  (tracks[track.key] = tracks[track.key] || { rowsY: track.rowsY, items: [] }).items.push({ node: node, x: x, anchor: anchor });
  return node;
}
function laneTrackAbove(lane) {
  var y = laneY(lane), rows = [y - BAND_H / 2 - 3];
  if (LANE_GAP >= 76) rows.push(y - BAND_H / 2 - 15);
  return { key: 'a' + lane, rowsY: rows };
}
function laneTrackBelow(lane) { return { key: 'b' + lane, rowsY: [laneY(lane) + BAND_H / 2 + 11] }; }
function stripTrack() { return { key: 's', rowsY: [RULER_H + 12, RULER_H + 24] }; }
function placeLabels() {
  var left = LABEL_W + 2, right = LABEL_W + plotWidth();
  for (var key in tracks) {
    var track = tracks[key], boxes = [];
    track.items.forEach(function (item) {
      var w = item.node.getComputedTextLength();
      var a = item.anchor === 'middle' ? item.x - w / 2 : item.anchor === 'end' ? item.x - w : item.x;
      // Keep a label inside the plot: slide it in from either edge.
      if (a < left) a = left;
      if (a + w > right) a = right - w;
      boxes.push({ left: a, right: a + w });
    });
    var rows = layoutLabels(boxes, track.rowsY.length, LABEL_GAP);
    track.items.forEach(function (item, k) {
      if (rows[k] < 0 || boxes[k].left < left - 0.5) { item.node.parentNode.removeChild(item.node); return; }
      item.node.setAttribute('text-anchor', 'start');
      item.node.setAttribute('x', boxes[k].left.toFixed(1));
      item.node.setAttribute('y', track.rowsY[rows[k]]);
      item.node.setAttribute('data-label', '1');
    });
  }
  tracks = {};
}

function drawDefs(root) {
  var defs = el('defs', {}, root);
  var colors = { fifo: ORDER_COLORS.fifo, causal: ORDER_COLORS.causal, total: ORDER_COLORS.total,
    unknown: ORDER_COLORS.unknown, bad: RED };
  model.kinds.forEach(function (k, n) { colors['kind' + n] = kindColor(k.kind); });
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
    if (!inRange(p.fromCol, p.toCol, lo, hi)) return;
    var x1 = p.fromCol < 0 ? LABEL_W : colX(p.fromCol), x2 = colX(p.toCol);
    var span = el('rect', { x: x1, y: RULER_H, width: Math.max(1, x2 - x1), height: plotBottom() - RULER_H,
      fill: 'rgba(192,38,211,0.07)', 'class': 'partition-span', 'data-kind': 'partition-span' }, g);
    el('title', {}, span).textContent = 'partition ' + p.groups.map(function (gr) { return '{' + gr.join(' ') + '}'; }).join(' ') +
      (p.ended ? '' : ' (not healed)');
  });
}

function drawLanes(g, lo, hi) {
  model.lanes.forEach(function (lane, index) {
    if (state.hiddenLanes[index]) return;
    var y = laneY(index);
    if (!inRange(lane.startCol, lane.endCol, lo, hi)) return;
    el('line', { x1: colX(lane.startCol), x2: colX(lane.endCol), y1: y, y2: y, stroke: '#cbd5e1', 'stroke-width': 2 }, g);
  });
  model.bands.forEach(function (band) {
    if (state.hiddenLanes[band.lane] || !inRange(band.fromCol, band.toCol, lo, hi)) return;
    var x1 = colX(band.fromCol), x2 = colX(band.toCol), y = laneY(band.lane), v = band.variant;
    var rect = el('rect', { x: x1, y: y - BAND_H / 2, width: Math.max(2, x2 - x1), height: BAND_H, rx: 5,
      fill: bandFill(band.view, v), stroke: bandEdge(band.view, v), 'class': 'view-band', 'data-kind': 'view-band',
      'data-view': band.view, 'data-variant': v }, g);
    el('title', {}, rect).textContent = 'view ' + viewName(band.view, v) + ': ' + viewMembers(band.view, v).join(', ');
    el('line', { x1: x1, x2: Math.max(x1, x2), y1: y, y2: y, stroke: bandEdge(band.view, v), 'stroke-width': 2 }, g);
    if (x2 - Math.max(x1, LABEL_W) > 16) {
      label(laneTrackAbove(band.lane), Math.max(x1, LABEL_W) + 4, 'start',
        { fill: bandInk(band.view, v), 'class': 'band-label' }, viewName(band.view, v), g);
    }
  });
}

function drawGlobal(g, ev, x) {
  var kind = ev.type;
  var color = kind === 'partition' ? '#c026d3' : kind === 'heal' ? '#16a34a' : kind === 'link' ? '#0f766e' : kind === 'choice' ? '#b45309' : '#64748b';
  el('line', { x1: x, x2: x, y1: RULER_H, y2: plotBottom(), stroke: color, 'stroke-width': kind === 'link' || kind === 'choice' ? 1 : 1.5,
    'stroke-dasharray': kind === 'end' ? '2 3' : '6 4', 'class': 'shape', 'data-kind': kind + '-line' }, g);
  var text = clip(kind === 'partition' ? '\u2702 ' + ev.label : ev.label, 48);
  label(stripTrack(), x + 4, 'start', { fill: color, 'class': 'strip-label', 'data-kind': kind }, text, g);
}

function mark(name, attrs, g) { return el(name, attrs, g); }

function drawEvent(g, ev, col) {
  var x = colX(col);
  if (ev.lane < 0) { drawGlobal(g, ev, x); return RULER_H + 12; }
  var y = laneY(ev.lane), raw = ev.raw, k = { 'class': 'shape', 'data-kind': 'event', 'data-type': ev.type };
  var below = laneTrackBelow(ev.lane);
  if (ev.type === 'start') {
    el('circle', Object.assign({ cx: x, cy: y, r: 5, fill: '#fff', stroke: '#16a34a', 'stroke-width': 2 }, k), g);
  } else if (ev.type === 'view' && raw.view) {
    // The band this install opens knows its variant (member lists compare as sets).
    var s = 5.5, variant = bandVariantAt[col] || 0;
    el('path', Object.assign({ d: 'M' + x + ',' + (y - s) + ' L' + (x + s) + ',' + y + ' L' + x + ',' + (y + s) + ' L' + (x - s) + ',' + y + ' z',
      fill: bandInk(raw.view.id, variant), stroke: '#fff', 'stroke-width': 1.5 }, k), g);
  } else if (ev.type === 'bcast') {
    el('circle', Object.assign({ cx: x, cy: y, r: 5.5, fill: ORDER_COLORS[raw.order] || ORDER_COLORS.unknown,
      stroke: '#fff', 'stroke-width': 1.5 }, k), g);
    if (state.colPx >= 20) label(below, x, 'middle', { 'class': 'msg-label' }, clip(String(raw.msg), 10), g);
  } else if (ev.type === 'deliver') {
    el('circle', Object.assign({ cx: x, cy: y, r: 2.6, fill: '#334155' }, k), g);
  } else if (ev.type === 'crash') {
    var c = 6;
    el('path', Object.assign({ d: 'M' + (x - c) + ',' + (y - c) + ' L' + (x + c) + ',' + (y + c) + ' M' + (x + c) + ',' + (y - c) + ' L' + (x - c) + ',' + (y + c),
      stroke: RED, 'stroke-width': 3, 'stroke-linecap': 'round' }, k), g);
    label(below, x, 'middle', { fill: RED, 'class': 'strip-label' }, 'crash', g);
  } else if (ev.type === 'exit') {
    el('path', Object.assign({ d: 'M' + x + ',' + (y - 9) + ' L' + x + ',' + (y + 9) + ' M' + (x - 7) + ',' + y + ' L' + x + ',' + y,
      stroke: '#111827', 'stroke-width': 3, 'stroke-linecap': 'round' }, k), g);
    label(below, x, 'middle', { fill: '#111827', 'class': 'strip-label' }, String(raw.reason), g);
  } else if (ev.type === 'send' || ev.type === 'recv') {
    el('circle', Object.assign({ cx: x, cy: y, r: ev.type === 'send' ? 2.4 : 2, fill: kindColor(String(raw.kind)) }, k), g);
  } else if (ev.type === 'drop') {
    var d = 4.5;
    var cross = el('path', Object.assign({ d: 'M' + (x - d) + ',' + (y - d) + ' L' + (x + d) + ',' + (y + d) + ' M' + (x + d) + ',' + (y - d) + ' L' + (x - d) + ',' + (y + d),
      stroke: RED, 'stroke-width': 2.2, 'stroke-linecap': 'round' }, k), g);
    cross.setAttribute('data-kind', 'drop');
    el('title', {}, cross).textContent = ev.label;
  } else if (ev.type === 'dup') {
    var dup = el('g', Object.assign({}, k, { 'data-kind': 'dup' }), g);
    el('circle', { cx: x - 2, cy: y, r: 3.2, fill: 'none', stroke: '#0f766e', 'stroke-width': 1.4 }, dup);
    el('circle', { cx: x + 2, cy: y, r: 3.2, fill: 'none', stroke: '#0f766e', 'stroke-width': 1.4 }, dup);
  } else if (ev.type === 'timer') {
    var t = el('rect', Object.assign({ x: x - 3, y: y - 3, width: 6, height: 6, fill: '#fff', stroke: '#a16207', 'stroke-width': 1.4 }, k), g);
    t.setAttribute('data-kind', 'timer');
  } else if (ev.type === 'suspect') {
    var q = el('path', Object.assign({ d: 'M' + x + ',' + (y - 7) + ' L' + (x + 6) + ',' + (y + 4) + ' L' + (x - 6) + ',' + (y + 4) + ' z',
      fill: '#fde68a', stroke: '#b45309', 'stroke-width': 1.4 }, k), g);
    q.setAttribute('data-kind', 'suspect');
    label(below, x, 'middle', { fill: '#b45309', 'class': 'strip-label' }, '? ' + clip(String(raw.suspect), 12), g);
  } else {
    el('circle', Object.assign({ cx: x, cy: y, r: 2.4, fill: '#9ca3af' }, k), g);
  }
  return y;
}

function drawRuler(g, lo, hi) {
  el('rect', { x: 0, y: 0, width: LABEL_W + plotWidth() + 2, height: RULER_H, fill: '#f8fafc' }, g);
  el('line', { x1: 0, x2: LABEL_W + plotWidth(), y1: RULER_H, y2: RULER_H, stroke: '#e5e7eb' }, g);
  var step = 1;
  for (var base = 1; step * state.colPx < 64; base *= 10) {
    step = base;
    if (step * state.colPx < 64) step = base * 2;
    if (step * state.colPx < 64) step = base * 5;
  }
  for (var pos = Math.ceil(lo / step) * step; pos <= hi; pos += step) {
    var ev = model.events[shown[pos]];
    if (!ev) continue;
    var x = posX(pos);
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
    var group = el('g', { 'data-kind': 'lane' }, g);
    el('title', {}, group).textContent = lane.id;
    txt({ x: 12, y: y - 2, 'class': 'lane-name', 'data-kind': 'lane-name' }, clip(lane.id, 17), group);
    var stateText = state.hiddenLanes[index] ? 'hidden by filter' : lane.end === 'open' ? (lane.startCol < 0 ? 'live (before window)' : 'live') :
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
  var text = clip('\u26a0 ' + names.join(', '), 40);
  var track = ev.lane < 0 ? stripTrack() : laneTrackAbove(ev.lane);
  label(track, x, 'middle', { 'class': 'violation-label' }, text, g);
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
  sampleEvery = Math.max(1, Math.floor(1 / Math.max(state.colPx, 1e-9)));
  var lo = Math.max(0, Math.floor(state.start) - 1);
  var hi = Math.min(cols - 1, Math.ceil(state.start + visibleCols()) + 1);
  var plot = el('g', { 'clip-path': 'url(#plot-clip)' }, svg);
  drawPartitions(plot, lo, hi);
  drawLanes(plot, lo, hi);
  var lines = el('g', {}, plot);
  drawFrames(lines, lo, hi);
  drawArrows(lines, lo, hi);
  var shapes = el('g', {}, plot), marks = el('g', {}, plot), hits = el('g', {}, plot);
  for (var pos = lo; pos <= hi; pos++) {
    var col = shown[pos], ev = model.events[col];
    if (!sampled(col) && ev.violations.length === 0 && ev.lane >= 0 && ev.type !== 'drop') continue;
    var y = drawEvent(shapes, ev, col);
    var x = posX(pos);
    if (ev.violations.length > 0) drawViolationMarks(marks, ev, x, y);
    if (col === state.selected) {
      el('circle', { cx: x, cy: y, r: 13, fill: 'none', stroke: '#2563eb', 'stroke-width': 2, 'class': 'shape selected' }, marks);
    }
    el('circle', { cx: x, cy: y, r: Math.max(6, Math.min(11, state.colPx / 2)), 'class': 'hit', 'data-col': col }, hits);
  }
  placeLabels();
  drawRuler(el('g', {}, svg), lo, hi);
  drawLaneLabels(el('g', {}, svg));
  svg.setAttribute('data-arrows', String(arrowEls.length));
  afterRender(lo, hi);
}
`;
