// Browser code, the pure part: functions of data only (no DOM), so vitest
// can run the very same text (`new Function(CLIENT_LIB_JS + ...)`) that the
// page runs. Plain ES2019 in a string, like the rest of the page's script.
//
// layoutLabels: labels in rows that never overlap. Each label is an
//   interval [left, right] in pixels; labels are placed left to right, each
//   in the first of `rows` rows whose last label ends at least `gap` before
//   it starts; a label no row can take gets -1 (it is not drawn; its text is
//   still in the tooltip). Returns one row per label, in input order.
// stateAfter: the state of `node` after event `i` from the embedded steps
//   (see embedded-states.ts), and the changes event `i` made to it.
export const CLIENT_LIB_JS = String.raw`
function layoutLabels(items, rows, gap) {
  var order = [];
  for (var k = 0; k < items.length; k++) order.push(k);
  order.sort(function (a, b) { return items[a].left - items[b].left || a - b; });
  var ends = [];
  for (var r = 0; r < rows; r++) ends.push(-Infinity);
  var placed = [];
  for (var n = 0; n < items.length; n++) placed.push(-1);
  for (var m = 0; m < order.length; m++) {
    var item = items[order[m]];
    for (var row = 0; row < rows; row++) {
      if (ends[row] + gap <= item.left) {
        placed[order[m]] = row;
        ends[row] = item.right;
        break;
      }
    }
  }
  return placed;
}

function cloneJson(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }

function setOwn(target, key, value) {
  // defineProperty, not assignment: a state key named __proto__ stays a key.
  Object.defineProperty(target, key, { value: value, enumerable: true, writable: true, configurable: true });
}

function applyChange(root, change) {
  var path = change.path;
  if (path.length === 0) return change.removed ? undefined : cloneJson(change.value);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) root = {};
  var at = root;
  for (var k = 0; k < path.length - 1; k++) {
    var own = Object.prototype.hasOwnProperty.call(at, path[k]) ? at[path[k]] : undefined;
    if (own === null || typeof own !== 'object' || Array.isArray(own)) {
      if (change.removed) return root;
      own = {};
      setOwn(at, path[k], own);
    }
    at = own;
  }
  var last = path[path.length - 1];
  if (change.removed) delete at[last];
  else setOwn(at, last, cloneJson(change.value));
  return root;
}

function stateAfter(steps, node, i) {
  var state, seen = false, changes = [];
  for (var k = 0; k < steps.length && steps[k].i <= i; k++) {
    var step = steps[k];
    if (step.node !== node) continue;
    seen = true;
    for (var c = 0; c < step.changes.length; c++) state = applyChange(state, step.changes[c]);
    if (step.i === i) changes = changes.concat(step.changes);
  }
  return { known: seen, state: state, changes: changes };
}
`;
