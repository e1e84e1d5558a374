#!/usr/bin/env bash
# vsynclab's random simulation against Quint's simulator on the same model:
# the 3-process causal broadcast of bench/quint/broadcast.qnt (Quint) and
# bench/quint/broadcast.json (vsynclab). Both are timed as whole processes
# (start-up included), alternating Quint, vsynclab, Quint, vsynclab ...
# in one run, each twice: a long run and a one-sample / one-seed run. The
# long run gives the whole-process rate; the difference of the two gives
# the steady-state rate (start-up cancels out). Rates are steps per second
# of wall time and of CPU time (user + system; on a machine loaded by other
# work the CPU figure is the steadier one). Medians over ROUNDS.
#
#   bench/quint/run.sh                        # defaults below
#   SAMPLES=400 SEEDS=1..800 ROUNDS=3 bench/quint/run.sh
#
# A step: for Quint, one action of `step` (a multicast, a receipt or a
# delivery); for vsynclab, one event of its queue (a multicast request, a
# message's arrival with the deliveries it allows, a driver event).
# Quint runs on its TypeScript backend (`--backend typescript`: its default
# Rust backend downloads a binary at first use). It is installed into
# bench/quint/.deps (git-ignored) when missing, never as a project
# dependency; antlr4ts is pinned there because npm resolves Quint's
# `^0.5.0-alpha.4` to a broken 0.5.0-dev ("Class extends value undefined").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SAMPLES=${SAMPLES:-200}
STEPS=${STEPS:-100}
SEEDS=${SEEDS:-1..400}
ROUNDS=${ROUNDS:-2}
QUINT_VERSION=${QUINT_VERSION:-0.33.1}
DEPS=$ROOT/bench/quint/.deps
QUINT_CLI=$DEPS/node_modules/@informalsystems/quint/dist/src/cli.js

if [ ! -f "$QUINT_CLI" ]; then
  echo "installing Quint $QUINT_VERSION into bench/quint/.deps ..." >&2
  mkdir -p "$DEPS"
  [ -f "$DEPS/package.json" ] || echo '{"name":"quint-bench-deps","private":true}' >"$DEPS/package.json"
  (cd "$DEPS" && npm install --no-audit --no-fund --silent "@informalsystems/quint@$QUINT_VERSION" antlr4ts@0.5.0-alpha.4 >/dev/null)
fi
[ -f dist/cli/vsynclab.cjs ] || [ -f dist/cli/main.js ] || npm run build >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SPEC=$ROOT/bench/quint/broadcast.qnt
SCENARIO=$ROOT/bench/quint/broadcast.json

# quint_run SAMPLES STEPS OUT: prints "steps wall cpu".
quint_run() {
  /usr/bin/time -f 'TIME %e %U %S' -o "$work/time" \
    node "$QUINT_CLI" run --backend typescript --max-samples "$1" --max-steps "$2" --invariant deliveredOnlySent \
    --verbosity 1 "$SPEC" >"$3" 2>&1 || { echo "quint failed:" >&2; cat "$3" >&2; exit 1; }
  grep -q '^\[ok\]' "$3" || { echo "quint did not report ok:" >&2; cat "$3" >&2; exit 1; }
  # Every sample runs its full length (the model never gets stuck before K messages each).
  awk -v steps=$(( $1 * $2 )) '/^TIME/ {printf "%d %s %.2f\n", steps, $2, $3 + $4}' "$work/time"
}

# vsynclab_run SEEDS OUT: prints "steps wall cpu".
vsynclab_run() {
  /usr/bin/time -f 'TIME %e %U %S' -o "$work/time" \
    node bin/vsynclab.js run "$SCENARIO" --seeds "$1" --workers 1 --reporter json >"$2" 2>/dev/null ||
    { echo "vsynclab failed:" >&2; cat "$2" >&2; exit 1; }
  steps=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (r.failed !== 0) process.exit(1); console.log(r.scenarios[0].simEvents)' "$2")
  awk -v steps="$steps" '/^TIME/ {printf "%d %s %.2f\n", steps, $2, $3 + $4}' "$work/time"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "$(quint_run "$SAMPLES" "$STEPS" "$work/q.txt")" >>"$work/quint-long"
  echo "$(vsynclab_run "$SEEDS" "$work/v.json")" >>"$work/vsynclab-long"
  echo "$(quint_run 1 1 "$work/q.txt")" >>"$work/quint-short"
  echo "$(vsynclab_run 1..1 "$work/v.json")" >>"$work/vsynclab-short"
  echo "round $round of $ROUNDS done" >&2
done

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo "node $(node --version), Quint $QUINT_VERSION (TypeScript backend), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Quint: $SAMPLES samples x $STEPS steps; vsynclab: seeds $SEEDS, one worker; medians of $ROUNDS rounds, alternating"
node - "$work" <<'NODE'
const fs = require('fs');
const dir = process.argv[2];
const rows = (name) => fs.readFileSync(`${dir}/${name}`, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const stat = (name) => { const r = rows(name); return { steps: r[0][0], wall: median(r.map((x) => x[1])), cpu: median(r.map((x) => x[2])) }; };
const out = [];
const rate = {};
for (const tool of ['quint', 'vsynclab']) {
  const long = stat(`${tool}-long`), short = stat(`${tool}-short`);
  const whole = { wall: long.steps / long.wall, cpu: long.steps / long.cpu };
  const steady = { wall: (long.steps - short.steps) / Math.max(1e-9, long.wall - short.wall), cpu: (long.steps - short.steps) / Math.max(1e-9, long.cpu - short.cpu) };
  rate[tool] = { whole, steady };
  out.push([tool, long.steps, long.wall.toFixed(2), long.cpu.toFixed(2), short.wall.toFixed(2), short.cpu.toFixed(2), Math.round(whole.wall), Math.round(whole.cpu), Math.round(steady.wall), Math.round(steady.cpu)]);
}
const r = (a, b) => (a / b).toFixed(1);
out.push(['vsynclab / quint', '', '', '', '', '', r(rate.vsynclab.whole.wall, rate.quint.whole.wall), r(rate.vsynclab.whole.cpu, rate.quint.whole.cpu), r(rate.vsynclab.steady.wall, rate.quint.steady.wall), r(rate.vsynclab.steady.cpu, rate.quint.steady.cpu)]);
const head = ['tool', 'steps', 'long wall s', 'long cpu s', 'start-up wall s', 'start-up cpu s', 'whole steps/s wall', 'whole steps/s cpu', 'steady steps/s wall', 'steady steps/s cpu'];
const cells = [head, ...out].map((row) => row.map(String));
const widths = head.map((_, k) => Math.max(...cells.map((row) => row[k].length)));
const line = (row) => row.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
console.log(line(cells[0]));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of cells.slice(1)) console.log(line(row));
NODE
