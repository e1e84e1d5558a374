// Browser code, part 3 of 3: header, controls (slider, buttons, wheel, drag,
// keys), filters, the overview strip, tooltip, details panel (with the
// process state when the page has states), violation groups and view
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
  if (cols === 0) { statusEl.textContent = 'no events to draw'; drawOverview(0, 0); return; }
  var a = Math.min(cols - 1, Math.max(0, Math.round(state.start)));
  var b = Math.min(cols - 1, Math.max(a, Math.floor(state.start + visibleCols()) - 1));
  statusEl.textContent = 'events #' + model.events[shown[a]].i + '\u2013#' + model.events[shown[b]].i +
    ' \u00b7 ' + (b - a + 1) + ' of ' + cols + ' shown';
  drawOverview(a, b);
}

function drawOverview(a, b) {
  while (overview.firstChild) overview.removeChild(overview.firstChild);
  var w = overview.clientWidth || 300, n = Math.max(1, cols);
  overview.setAttribute('viewBox', '0 0 ' + w + ' 8');
  el('rect', { x: 0, y: 0, width: w, height: 8, fill: '#e5e7eb', rx: 3 }, overview);
  el('rect', { x: a / n * w, y: 0, width: Math.max(3, (b - a + 1) / n * w), height: 8, fill: '#93c5fd', rx: 3 }, overview);
  var seen = {};
  model.violations.forEach(function (v) {
    v.cols.forEach(function (c) {
      if (!visible[c]) return;
      var px = Math.round(rank[c] / n * w);
      if (seen[px]) return;
      seen[px] = true;
      el('rect', { x: px, y: 0, width: 2, height: 8, fill: RED, 'data-kind': 'overview-violation' }, overview);
    });
  });
}

function centerOn(col) { state.start = rank[col] - visibleCols() / 2; schedule(); }
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
  if (m.detail) item('detail', m.detail);
  item('events', m.eventCount + (m.from > 0 || m.to < m.eventCount - 1 ? ' (window #' + m.from + '\u2013#' + m.to + ')' : ''));
  item('processes', model.lanes.length);
  item('deliveries', model.arrows.length);
  if (model.frames.length > 0) item('frames', model.frames.length);
  if (m.hiddenEvents > 0) item('hidden', m.hiddenEvents + ' other events');
  if (m.filter !== '') item('filtered', m.filter + ' (' + m.filteredEvents + ' events left out)');
  item('violations', model.violations.length, model.violations.length > 0 ? 'bad' : '');
}

function fillViolations() {
  var body = document.getElementById('violations-body');
  if (model.violations.length === 0) { h('p', 'No violations.', 'ok', body); return; }
  var list = h('ol', null, null, body);
  model.groups.forEach(function (g, at) {
    var v = model.violations[g.members[0]];
    var item = h('li', null, 'violation' + (g.cause !== null ? ' violation-group' : ''), list);
    item.setAttribute('data-group', String(at));
    if (g.cause !== null) h('div', g.cause + ': ' + g.count + ' violations', 'group-cause', item);
    h('b', v.property, null, item);
    h('span', v.message, null, item);
    h('br', null, null, item);
    h('small', 'events ' + v.events.map(function (i) { return '#' + i; }).join(', ') +
      (v.cols.length === 0 ? ' (outside the drawn window)' : ''), null, item);
    if (g.members.length > 1 || g.count > 1) {
      var byProperty = {}, names = [];
      g.members.slice(1).forEach(function (p) {
        var name = model.violations[p].property;
        if (!byProperty[name]) { byProperty[name] = 0; names.push(name); }
        byProperty[name]++;
      });
      var parts = names.map(function (name) { return name + ' ' + byProperty[name]; });
      var unlisted = g.count - g.members.length;
      if (unlisted > 0) parts.push(unlisted + ' not listed');
      h('div', '\u2026 and ' + (g.count - 1) + ' more: ' + parts.join(', '), 'group-rest', item);
    }
    item.addEventListener('click', function () { if (v.cols.length > 0) select(v.cols[0], true); });
  });
}

function fillViews() {
  var body = document.getElementById('views-body');
  if (model.views.length === 0) { h('p', 'No view installed.', null, body); return; }
  model.views.forEach(function (v) {
    var row = h('div', null, 'view-row' + (v.conflict ? ' view-conflict' : ''), body);
    row.setAttribute('data-view', String(v.id));
    row.setAttribute('data-variant', String(v.variant));
    var chip = h('span', viewName(v.id, v.variant), 'view-chip', row);
    chip.style.background = bandFill(v.id, v.variant);
    chip.style.color = bandInk(v.id, v.variant);
    chip.style.border = '1px solid ' + bandEdge(v.id, v.variant);
    row.appendChild(document.createTextNode(v.members.join(', ')));
    if (v.conflict && v.variant > 0) h('div', '\u26a0 view ' + v.id + ' was installed with different members', 'conflict-note', row);
  });
}

function fillFilters() {
  var lanesBox = document.getElementById('filter-processes');
  model.lanes.forEach(function (lane, index) {
    var tag = h('label', null, 'chip', lanesBox);
    var box = h('input', null, null, tag);
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-lane', String(index));
    tag.appendChild(document.createTextNode(lane.id));
    box.addEventListener('change', function () { state.hiddenLanes[index] = !box.checked; refilter(); });
  });
  var kindsBox = document.getElementById('filter-kinds');
  if (model.kinds.length === 0) {
    h('span', 'no protocol frames in this trace (record it with --detail net or full)', 'hint', kindsBox);
  }
  model.kinds.forEach(function (k) {
    var tag = h('label', null, 'chip', kindsBox);
    var box = h('input', null, null, tag);
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-kind-toggle', k.kind);
    var swatch = h('i', null, 'kind-swatch', tag);
    swatch.style.background = kindColor(k.kind);
    tag.appendChild(document.createTextNode(k.kind + ' (' + k.count + ')'));
    box.addEventListener('change', function () { state.hiddenKinds[k.kind] = !box.checked; refilter(); });
  });
  var msg = document.getElementById('filter-msg');
  msg.addEventListener('input', function () { state.msgText = msg.value; refilter(); });
  var pick = document.getElementById('filter-violation');
  model.groups.forEach(function (g, at) {
    var v = model.violations[g.members[0]];
    var option = h('option', (at + 1) + '. ' + (g.cause !== null ? g.cause + ' (' + g.count + ')' : v.property), null, pick);
    option.value = String(at);
  });
  pick.addEventListener('change', function () { state.group = Number(pick.value); refilter(); });
}

function refilter() {
  applyFilters();
  if (state.selected >= 0 && visible[state.selected]) centerOn(state.selected);
  else schedule();
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
  if (ev.type === 'send' || ev.type === 'dup') {
    model.frames.filter(function (f) { return f.fromCol === col; }).forEach(function (f) {
      var p3 = h('p', (f.fate === 'drop' ? 'dropped (' + f.reason + ') at ' : 'received by ') + laneName(f.toLane) + ' ', null, detailsBody);
      jumpButton('at #' + model.events[f.toCol].i, f.toCol, p3);
    });
  }
  if (ev.type === 'recv' || ev.type === 'drop') {
    model.frames.filter(function (f) { return f.toCol === col; }).forEach(function (f) {
      var p4 = h('p', 'sent by ' + laneName(f.fromLane) + ' ', null, detailsBody);
      if (f.fromCol >= 0) jumpButton('at #' + model.events[f.fromCol].i, f.fromCol, p4);
      else p4.appendChild(document.createTextNode('(before the window, or never)'));
    });
  }
  showState(ev);
  h('pre', JSON.stringify(ev.raw, null, 2), 'raw-event', detailsBody);
  if (center) centerOn(col); else schedule();
}

function showState(ev) {
  if (!model.states || ev.lane < 0) return;
  var node = model.lanes[ev.lane].id;
  var st = stateAfter(model.states.steps, node, ev.i);
  var box = h('div', null, null, detailsBody);
  box.id = 'state-panel';
  h('h3', 'state of ' + node + ' after #' + ev.i, null, box);
  if (!st.known) { h('p', 'no state recorded for ' + node + ' up to this event', 'hint', box); return; }
  if (st.changes.length === 0) h('p', 'this event changed nothing in it', 'hint', box);
  else {
    h('p', 'what this event changed:', null, box);
    var list = h('ul', null, 'state-changes', box);
    st.changes.forEach(function (c) {
      var where = c.path.length === 0 ? '(the whole state)' : c.path.join('.');
      h('li', c.removed ? where + ' removed' : where + ' = ' + clip(JSON.stringify(c.value), 200), c.removed ? 'removed' : 'changed', list);
    });
  }
  h('pre', JSON.stringify(st.state, null, 2), 'state-json', box);
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
    if (entry.base === undefined) entry.base = entry.node.getAttribute('class');
    var cls = entry.base;
    if (msg !== null) cls += entry.msg === msg ? ' hl' : ' dim';
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
  highlightMessage(raw.type === 'bcast' || raw.type === 'deliver' ? raw.msg :
    FRAME_TYPES[raw.type] && raw.key ? raw.key : null);
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
  // Keys typed into the message filter are text, not navigation.
  if (e.target && e.target.tagName === 'INPUT' && e.target.type === 'text') return;
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
  // A place on the strip is a position among the shown columns, not a column.
  state.start = (e.clientX - r.left) / Math.max(1, r.width) * cols - visibleCols() / 2;
  schedule();
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

model.groups.forEach(function (g) {
  g.storySet = {};
  g.story.forEach(function (c) { g.storySet[c] = true; });
});
applyFilters();
fillHeader();
fillViolations();
fillViews();
fillFilters();
state.colPx = Math.min(COL_PX_MAX, Math.max(14, plotWidth() / Math.max(1, cols)));
render();
document.body.setAttribute('data-ready', '1');
`;
