// Browser code, part 2 of 2: header, controls (slider, buttons, wheel, drag,
// keys), the overview strip, tooltip, details panel, violation and view
// lists. Same rules as part 1: trace strings only through textContent.
export const CLIENT_UI_JS = String.raw`
var slider = document.getElementById('pan');
var statusEl = document.getElementById('window-status');
var tooltip = document.getElementById('tooltip');
var detailsBody = document.getElementById('details-body');
var overview = document.getElementById('overview');
var pending = false;

function h(tag, text, cls, parent) {
  var node = document.createElement(tag);
  if (text !== null && text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  if (parent) parent.appendChild(node);
  return node;
}
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(function () { pending = false; render(); });
}
function laneName(index) { return index < 0 ? '(global)' : model.lanes[index].id; }

function afterRender() {
  var vis = Math.max(1, Math.floor(visibleCols()));
  slider.max = String(Math.max(0, cols - vis));
  slider.value = String(Math.round(state.start));
  if (cols === 0) { statusEl.textContent = 'no events to draw'; return; }
  var a = Math.min(cols - 1, Math.max(0, Math.round(state.start)));
  var b = Math.min(cols - 1, Math.max(a, Math.floor(state.start + visibleCols()) - 1));
  statusEl.textContent = 'events #' + model.events[a].i + '\u2013#' + model.events[b].i +
    ' \u00b7 ' + (b - a + 1) + ' of ' + cols + ' shown';
  drawOverview(a, b);
}

function drawOverview(a, b) {
  while (overview.firstChild) overview.removeChild(overview.firstChild);
  var w = overview.clientWidth || 300;
  overview.setAttribute('viewBox', '0 0 ' + w + ' 8');
  el('rect', { x: 0, y: 0, width: w, height: 8, fill: '#e5e7eb', rx: 3 }, overview);
  el('rect', { x: a / cols * w, y: 0, width: Math.max(3, (b - a + 1) / cols * w), height: 8, fill: '#93c5fd', rx: 3 }, overview);
  var seen = {};
  model.violations.forEach(function (v) {
    v.cols.forEach(function (c) {
      var px = Math.round(c / cols * w);
      if (seen[px]) return;
      seen[px] = true;
      el('rect', { x: px, y: 0, width: 2, height: 8, fill: RED, 'data-kind': 'overview-violation' }, overview);
    });
  });
}

function centerOn(col) { state.start = col - visibleCols() / 2; schedule(); }
function zoomAt(factor, anchorX) {
  var offset = Math.max(0, anchorX - LABEL_W);
  var anchorCol = state.start + offset / state.colPx;
  state.colPx = Math.min(COL_PX_MAX, Math.max(COL_PX_MIN, state.colPx * factor));
  state.start = anchorCol - offset / state.colPx;
  schedule();
}

function fillHeader() {
  var m = model.meta;
  document.title = 'vsynclab: ' + (m.scenario || 'trace');
  document.getElementById('title').textContent = 'vsynclab \u00b7 ' + (m.scenario || 'trace');
  var meta = document.getElementById('meta');
  function item(label, value, cls) {
    var span = h('span', null, cls || '', meta);
    span.appendChild(document.createTextNode(label + ' '));
    h('b', String(value), null, span);
    meta.appendChild(document.createTextNode('   '));
  }
  if (m.protocol) item('protocol', m.protocol);
  if (m.seed) item('seed', m.seed);
  item('events', m.eventCount + (m.from > 0 || m.to < m.eventCount - 1 ? ' (window #' + m.from + '\u2013#' + m.to + ')' : ''));
  item('processes', model.lanes.length);
  item('deliveries', model.arrows.length);
  if (m.hiddenEvents > 0) item('hidden', m.hiddenEvents + ' other events');
  item('violations', model.violations.length, model.violations.length > 0 ? 'bad' : '');
}

function fillViolations() {
  var body = document.getElementById('violations-body');
  if (model.violations.length === 0) { h('p', 'No violations.', 'ok', body); return; }
  var list = h('ol', null, null, body);
  model.violations.forEach(function (v) {
    var item = h('li', null, 'violation', list);
    h('b', v.property, null, item);
    h('span', v.message, null, item);
    h('br', null, null, item);
    h('small', 'events ' + v.events.map(function (i) { return '#' + i; }).join(', ') +
      (v.cols.length === 0 ? ' (outside the drawn window)' : ''), null, item);
    item.addEventListener('click', function () { if (v.cols.length > 0) select(v.cols[0], true); });
  });
}

function fillViews() {
  var body = document.getElementById('views-body');
  if (model.views.length === 0) { h('p', 'No view installed.', null, body); return; }
  model.views.forEach(function (v) {
    var row = h('div', null, 'view-row', body);
    var chip = h('span', 'v' + v.id, null, row);
    chip.style.background = bandFill(v.id);
    chip.style.color = bandInk(v.id);
    chip.style.border = '1px solid ' + bandEdge(v.id);
    chip.style.borderRadius = '4px';
    chip.style.padding = '0 5px';
    chip.style.marginRight = '6px';
    chip.style.fontWeight = '650';
    row.appendChild(document.createTextNode(v.members.join(', ')));
  });
}

function jumpButton(label, col, parent) {
  var b = h('button', label, null, parent);
  b.addEventListener('click', function () { select(col, true); });
  return b;
}

function select(col, center) {
  state.selected = col;
  var ev = model.events[col];
  while (detailsBody.firstChild) detailsBody.removeChild(detailsBody.firstChild);
  h('p', null, null, detailsBody).appendChild(h('b', ev.label));
  var dl = h('dl', null, null, detailsBody);
  function row(k, v) { h('dt', k, null, dl); h('dd', v, null, dl); }
  row('process', laneName(ev.lane));
  row('event', '#' + ev.i + ' (' + ev.type + ')');
  row('time', ev.t + ' us');
  ev.violations.forEach(function (v) {
    var vv = model.violations[v];
    h('p', '\u26a0 ' + vv.property + ': ' + vv.message, 'detail-violation', detailsBody);
  });
  if (ev.type === 'bcast') {
    var outs = model.arrows.filter(function (a) { return a.fromCol === col; });
    var p = h('p', 'delivered ' + outs.length + ' time' + (outs.length === 1 ? '' : 's') + ': ', null, detailsBody);
    outs.forEach(function (a) { jumpButton(laneName(a.toLane) + ' #' + model.events[a.toCol].i, a.toCol, p); p.appendChild(document.createTextNode(' ')); });
  }
  if (ev.type === 'deliver') {
    var ins = model.arrows.filter(function (a) { return a.toCol === col; });
    ins.forEach(function (a) {
      var p2 = h('p', 'multicast by ' + laneName(a.fromLane) + ' ', null, detailsBody);
      if (a.fromCol >= 0) jumpButton('at #' + model.events[a.fromCol].i, a.fromCol, p2);
      else p2.appendChild(document.createTextNode('(before the window, or never)'));
    });
  }
  h('pre', JSON.stringify(ev.raw, null, 2), null, detailsBody);
  if (center) centerOn(col); else schedule();
}

function showTooltip(col, clientX, clientY) {
  var ev = model.events[col];
  while (tooltip.firstChild) tooltip.removeChild(tooltip.firstChild);
  h('div', null, null, tooltip).appendChild(h('b', ev.label));
  h('div', laneName(ev.lane) + ' \u00b7 #' + ev.i + ' \u00b7 t=' + formatUs(ev.t), 'tt-dim', tooltip);
  ev.violations.forEach(function (v) {
    h('div', '\u26a0 ' + model.violations[v].property + ': ' + model.violations[v].message, 'tt-violation', tooltip);
  });
  tooltip.hidden = false;
  var x = Math.min(clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
  var y = Math.min(clientY + 14, window.innerHeight - tooltip.offsetHeight - 8);
  tooltip.style.left = Math.max(4, x) + 'px';
  tooltip.style.top = Math.max(4, y) + 'px';
}

function highlightMessage(msg) {
  arrowEls.forEach(function (entry) {
    var cls = 'arrow' + (entry.arrow.violated ? ' violated-arrow' : '');
    if (msg !== null) cls += entry.arrow.msg === msg ? ' hl' : ' dim';
    entry.node.setAttribute('class', cls);
  });
}

function hitCol(target) {
  var v = target && target.getAttribute ? target.getAttribute('data-col') : null;
  return v === null ? -1 : Number(v);
}

svg.addEventListener('mousemove', function (e) {
  var col = hitCol(e.target);
  if (col < 0) { tooltip.hidden = true; highlightMessage(null); return; }
  showTooltip(col, e.clientX, e.clientY);
  var raw = model.events[col].raw;
  highlightMessage(raw.type === 'bcast' || raw.type === 'deliver' ? raw.msg : null);
});
svg.addEventListener('mouseleave', function () { tooltip.hidden = true; highlightMessage(null); });
svg.addEventListener('click', function (e) { var col = hitCol(e.target); if (col >= 0) select(col, false); });

var drag = null;
wrap.addEventListener('pointerdown', function (e) {
  if (hitCol(e.target) >= 0 || e.button !== 0) return;
  drag = { x: e.clientX, start: state.start };
  wrap.classList.add('dragging');
});
window.addEventListener('pointermove', function (e) {
  if (!drag) return;
  state.start = drag.start - (e.clientX - drag.x) / state.colPx;
  schedule();
});
window.addEventListener('pointerup', function () { drag = null; wrap.classList.remove('dragging'); });
wrap.addEventListener('wheel', function (e) {
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - wrap.getBoundingClientRect().left);
    return;
  }
  var sideways = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
  if (!sideways && wrap.scrollHeight > wrap.clientHeight) return;
  e.preventDefault();
  state.start += (sideways && e.deltaX !== 0 ? e.deltaX : e.deltaY) / state.colPx;
  schedule();
}, { passive: false });
window.addEventListener('keydown', function (e) {
  var page = visibleCols() * 0.8;
  if (e.key === 'ArrowRight') state.start += page / 4;
  else if (e.key === 'ArrowLeft') state.start -= page / 4;
  else if (e.key === 'PageDown') state.start += page;
  else if (e.key === 'PageUp') state.start -= page;
  else if (e.key === 'Home') state.start = 0;
  else if (e.key === 'End') state.start = cols;
  else if (e.key === '+' || e.key === '=') { zoomAt(1.25, LABEL_W + plotWidth() / 2); return; }
  else if (e.key === '-') { zoomAt(0.8, LABEL_W + plotWidth() / 2); return; }
  else return;
  schedule();
});
slider.addEventListener('input', function () { state.start = Number(slider.value); schedule(); });
overview.addEventListener('click', function (e) {
  var r = overview.getBoundingClientRect();
  centerOn((e.clientX - r.left) / Math.max(1, r.width) * cols);
});
function on(id, fn) { document.getElementById(id).addEventListener('click', fn); }
on('btn-first', function () { state.start = 0; schedule(); });
on('btn-prev', function () { state.start -= visibleCols() * 0.8; schedule(); });
on('btn-next', function () { state.start += visibleCols() * 0.8; schedule(); });
on('btn-last', function () { state.start = cols; schedule(); });
on('btn-zoom-in', function () { zoomAt(1.25, LABEL_W + plotWidth() / 2); });
on('btn-zoom-out', function () { zoomAt(0.8, LABEL_W + plotWidth() / 2); });
on('btn-fit', function () { state.colPx = plotWidth() / Math.max(1, cols); state.start = 0; schedule(); });
window.addEventListener('resize', schedule);

fillHeader();
fillViolations();
fillViews();
state.colPx = Math.min(COL_PX_MAX, Math.max(14, plotWidth() / Math.max(1, cols)));
render();
document.body.setAttribute('data-ready', '1');
`;
