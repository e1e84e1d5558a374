#!/usr/bin/env bash
# vsynclab explore against SPIN on the reference configuration: CBCAST in a
# static group of 3 over a reliable unordered network, K multicasts each
# (scenarios/explore/cbcast-3xK.json and bench/explore/cbcast.pml, -DK=K).
# Prints unique states, time to exhaust, peak memory and CPU time for vsynclab
# (plain, --por, --symmetry, both) and SPIN, and the time ratio.
#
#   bench/explore/run.sh                 # K = 2 and 3
#   KS=2 bench/explore/run.sh            # only 3x2
#   MAX_SECONDS=600 SPIN_MEMLIM_MB=12000 bench/explore/run.sh
#   MODES="plain por" KS=2 bench/explore/run.sh    # only these vsynclab modes
#   BASELINE=/tmp/old REPEATS=2 MODES=por KS=2 bench/explore/run.sh
#       # also the checkout at /tmp/old (built), alternated with this one
#       # (baseline, current, baseline, current): the before/after ratio
#       # is of the medians, measured under the same load
#
# Every run is bounded: vsynclab by --max-seconds and --max-states (a run cut
# by a bound prints "unknown"), SPIN by its memory limit and `timeout`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
KS=${KS:-"2 3"}
MAX_SECONDS=${MAX_SECONDS:-900}
MAX_STATES=${MAX_STATES:-50000000}
SPIN_MEMLIM_MB=${SPIN_MEMLIM_MB:-12000}
SELECTED=${MODES:-plain por symmetry por+symmetry}
BASELINE=${BASELINE:-}
REPEATS=${REPEATS:-1}
if [ -n "$BASELINE" ] && [ ! -f "$BASELINE/bin/vsynclab.js" ]; then
  echo "bench/explore/run.sh: BASELINE=$BASELINE has no bin/vsynclab.js (a built checkout is needed)" >&2; exit 2
fi
MODES=()
for mode in $SELECTED; do
  case $mode in
    plain) MODES+=("") ;;
    por) MODES+=("--por") ;;
    symmetry) MODES+=("--symmetry") ;;
    por+symmetry) MODES+=("--por --symmetry") ;;
    *) echo "bench/explore/run.sh: unknown mode $mode (plain, por, symmetry, por+symmetry)" >&2; exit 2 ;;
  esac
done

if ! command -v spin >/dev/null 2>&1; then
  echo "installing spin (Debian package)..." >&2
  apt-get install -y spin >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y spin >/dev/null; }
fi
command -v gcc >/dev/null 2>&1 || { echo "bench/explore/run.sh: gcc is needed to compile SPIN's verifier" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "node $(node --version), $(spin -V | head -1), $(nproc) cores"
printf '%-8s %-22s %-20s %10s %9s %8s %8s\n' config tool result states seconds peak-MB cpu-s
for k in $KS; do
  # SPIN: exhaustive (-DSAFETY), lossless state compression (-DCOLLAPSE), memory-capped.
  (cd "$work" && spin -a -DK="$k" "$ROOT/bench/explore/cbcast.pml" >/dev/null &&
    gcc -O2 -DSAFETY -DCOLLAPSE -DMEMLIM="$SPIN_MEMLIM_MB" -o "pan$k" pan.c 2>/dev/null)
  spin_out="$work/spin$k.txt"
  set +e
  /usr/bin/time -f 'RSS_KB %M CPU_S %U %S' timeout "$MAX_SECONDS" "$work/pan$k" -m100000 -w26 >"$spin_out" 2>&1
  spin_status=$?
  set -e
  spin_states=$(awk '/states, stored/ {print $1; exit}' "$spin_out")
  spin_seconds=$(awk '/elapsed time/ {print $4; exit}' "$spin_out")
  spin_rss=$(awk '/RSS_KB/ {printf "%d", $2 / 1024}' "$spin_out")
  spin_cpu=$(awk '/RSS_KB/ {printf "%.2f", $4 + $5}' "$spin_out")
  spin_errors=$(awk '/errors:/ {print $NF; exit}' "$spin_out")
  if [ "$spin_status" -eq 124 ] || [ -z "$spin_states" ]; then
    # Cut by `timeout`: SPIN's last progress line says how far it got.
    spin_result="unknown(time)"
    spin_states=">$( (grep -o 'States= *[0-9.e+]*' "$spin_out" || true) | tail -1 | awk '{print $2}')"
    spin_seconds=">$MAX_SECONDS"
  elif grep -q 'Search not completed' "$spin_out"; then spin_result="unknown(memory)"
  elif [ "$spin_errors" = "0" ]; then spin_result=ok; else spin_result=violated; fi
  printf '%-8s %-22s %-20s %10s %9s %8s %8s\n' "3x$k" "spin" "$spin_result" "$spin_states" "$spin_seconds" "$spin_rss" "$spin_cpu"

  for mode in "${MODES[@]}"; do
    current_runs=()
    baseline_runs=()
    for ((rep = 0; rep < REPEATS; rep++)); do
      for checkout in ${BASELINE:+"$BASELINE"} "$ROOT"; do
        # shellcheck disable=SC2086
        # CPU time (user + system, every thread) as well: on a loaded machine it is the steadier figure.
        json=$(/usr/bin/time -f 'CPU_S %U %S' -o "$work/cpu.txt" node "$checkout/bin/vsynclab.js" explore "scenarios/explore/cbcast-3x$k.json" $mode --json \
          --max-seconds "$MAX_SECONDS" --max-states "$MAX_STATES" || true)
        line=$(node -e '
          const r = JSON.parse(process.argv[1]);
          const mb = Math.round(r.peakMemoryBytes / 1048576);
          console.log([r.result + (r.bound ? "(" + r.bound + ")" : ""), r.states, r.seconds.toFixed(2), mb].join(" "));
        ' "$json")
        read -r result states seconds mb <<<"$line"
        cpu=$(awk '/CPU_S/ {printf "%.2f", $2 + $3}' "$work/cpu.txt")
        label="vsynclab ${mode:-plain}"
        if [ "$checkout" = "$ROOT" ]; then current_runs+=("$seconds $mb $cpu"); else label="baseline ${mode:-plain}"; baseline_runs+=("$seconds"); fi
        printf '%-8s %-22s %-20s %10s %9s %8s %8s\n' "3x$k" "${label// --/ }" "$result" "$states" "$seconds" "$mb" "$cpu"
      done
    done
    # The median run of this checkout (by time) stands for it.
    read -r seconds mb cpu <<<"$(printf '%s\n' "${current_runs[@]}" | sort -n | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}')"
    if [ -n "$BASELINE" ]; then
      base_seconds=$(printf '%s\n' "${baseline_runs[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
      node -e 'console.log(`3x${process.argv[1]} ${process.argv[2]}: baseline / current time = ${(Number(process.argv[3]) / Number(process.argv[4])).toFixed(2)}x (medians of ${process.argv[5]} runs each; the faster middle run when even)`)' \
        "$k" "${mode:-plain}" "$base_seconds" "$seconds" "$REPEATS"
    fi
    if [ -z "$mode" ] && [ "$spin_result" = ok ]; then plain_seconds=$seconds; fi
    if [ "$mode" = "--por" ] && [ "$spin_result" = ok ]; then por_seconds=$seconds; por_mb=$mb; por_cpu=$cpu; fi
  done
  if [ -n "${plain_seconds:-}" ] && [ "$spin_result" = ok ]; then
    node -e 'console.log(`3x${process.argv[1]}: vsynclab plain / SPIN time = ${(Number(process.argv[2]) / Number(process.argv[3])).toFixed(1)}x`)' "$k" "$plain_seconds" "$spin_seconds"
  fi
  if [ -n "${por_seconds:-}" ] && [ "$spin_result" = ok ]; then
    node -e 'console.log(`3x${process.argv[1]}: vsynclab --por / SPIN time = ${(Number(process.argv[2]) / Number(process.argv[3])).toFixed(1)}x, memory = ${(Number(process.argv[4]) / Number(process.argv[5])).toFixed(1)}x, cpu time = ${(Number(process.argv[6]) / Number(process.argv[7])).toFixed(1)}x`)' \
      "$k" "$por_seconds" "$spin_seconds" "$por_mb" "$spin_rss" "$por_cpu" "$spin_cpu"
  fi
  unset plain_seconds por_seconds por_mb por_cpu
done
