// Browser code, part 2 of 3: the arrows, from each multicast to its
// deliveries and from each frame's send to its receipt (or, dashed, to where
// it was dropped: part 1 draws the cross there). Plain ES2019 in a string, function declarations only: it
// runs inside the same IIFE as part 1 (html-client-draw.ts: `model`,
// `state`, `el`, `colX`, `laneY`, `arrowEls`, ...), which calls these.
export const CLIENT_ARROWS_JS = String.raw`
function linePath(x1, y1, x2, y2, sameLane) {
  if (sameLane) {
    var lift = Math.min(LANE_GAP * 0.45, 10 + (x2 - x1) * 0.2);
    return 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + (y1 - lift) + ' ' + x2 + ',' + (y1 - lift) + ' ' + (x2 - 1) + ',' + (y2 - 4);
  }
  var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
  var back = 4;
  return 'M' + x1 + ',' + y1 + ' L' + (x2 - dx / len * back).toFixed(1) + ',' + (y2 - dy / len * back).toFixed(1);
}
function endpointsShown(fromCol, toCol, fromLane, toLane) {
  if (state.hiddenLanes[fromLane] || state.hiddenLanes[toLane] || !visible[toCol]) return false;
  return fromCol < 0 || visible[fromCol];
}

function drawArrows(g, lo, hi) {
  arrowEls = [];
  model.arrows.forEach(function (arrow) {
    if (!arrow.violated && !sampled(arrow.toCol)) return;
    if (!inRange(arrow.fromCol, arrow.toCol, lo, hi) || !endpointsShown(arrow.fromCol, arrow.toCol, arrow.fromLane, arrow.toLane)) return;
    var color = arrow.violated ? RED : (ORDER_COLORS[arrow.order] || ORDER_COLORS.unknown);
    var head = arrow.violated ? 'bad' : (ORDER_COLORS[arrow.order] ? arrow.order : 'unknown');
    var path = el('path', { d: linePath(colX(arrow.fromCol), laneY(arrow.fromLane), colX(arrow.toCol), laneY(arrow.toLane), arrow.fromLane === arrow.toLane),
      stroke: color, 'stroke-width': arrow.violated ? 2.2 : 1.3,
      'marker-end': 'url(#head-' + head + ')', 'class': 'arrow' + (arrow.violated ? ' violated-arrow' : ''),
      'data-kind': 'arrow', opacity: arrow.violated ? 1 : 0.8 }, g);
    if (arrow.fromCol < 0) path.setAttribute('stroke-dasharray', '4 3');
    arrowEls.push({ node: path, arrow: arrow, msg: arrow.msg });
  });
}

function kindIndex(kind) {
  for (var k = 0; k < model.kinds.length; k++) if (model.kinds[k].kind === kind) return k;
  return -1;
}

function drawFrames(g, lo, hi) {
  model.frames.forEach(function (f) {
    if (!f.violated && f.fate !== 'drop' && !sampled(f.toCol)) return;
    if (state.hiddenKinds[f.kind] || !inRange(f.fromCol, f.toCol, lo, hi) || !endpointsShown(f.fromCol, f.toCol, f.fromLane, f.toLane)) return;
    var color = f.violated ? RED : kindColor(f.kind);
    var dropped = f.fate === 'drop';
    var x2 = colX(f.toCol), y2 = laneY(f.toLane);
    var path = el('path', { d: linePath(colX(f.fromCol), laneY(f.fromLane), x2, y2, f.fromLane === f.toLane),
      stroke: color, 'stroke-width': f.violated ? 1.8 : 1.1, opacity: 0.85,
      'marker-end': dropped ? '' : 'url(#head-' + (f.violated ? 'bad' : 'kind' + kindIndex(f.kind)) + ')',
      'class': 'frame' + (f.violated ? ' violated-arrow' : ''), 'data-kind': dropped ? 'frame-dropped' : 'frame',
      'data-msg-kind': f.kind }, g);
    if (dropped) path.setAttribute('stroke-dasharray', '5 3');
    else if (f.copy) path.setAttribute('stroke-dasharray', '1 3');
    if (f.fromCol < 0) path.setAttribute('stroke-dasharray', '4 3');
    el('title', {}, path).textContent = f.kind + (f.key === '' ? '' : ' ' + f.key) + ': ' + model.lanes[f.fromLane].id +
      ' \u2192 ' + model.lanes[f.toLane].id + ' (frame ' + f.net + (f.copy ? ', a duplicate' : '') + ')' +
      (dropped ? ', dropped: ' + f.reason : '');
    arrowEls.push({ node: path, arrow: f, msg: f.key === '' ? null : f.key });
  });
}
`;
