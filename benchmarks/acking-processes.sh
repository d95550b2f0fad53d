#!/usr/bin/env bash
# Acking overhead across separate OS processes (issue 11): the ReliableWordCount example (lines -> split ->
# record, 4 words a line) submitted through the real bin/heron to the local cluster with 2 containers (two
# executor JVMs talking over TCP), once untracked (ATMOST_ONCE) and once tracked (ATLEAST_ONCE, max 500 lines
# pending, 10 s timeout), alternating so that a change in the machine's load hits both alike.
# Unit: tuples executed per second by the last bolt ("record", one per word: 4 per spout tuple), read from
# `heron status` over MEASURE seconds after WARMUP seconds; the spout is not paced (10M lines/s allowed).
# Usage: benchmarks/acking-processes.sh [DISTRIBUTION_DIR] [ROUNDS] [WARMUP_S] [MEASURE_S]
#        (build first: mvn -q package -DskipTests); prints one line per run and the median ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(cd "${1:-distribution/target/egret}" && pwd)"
rounds="${2:-3}"
warmup="${3:-15}"
measure="${4:-30}"
heron="$dist/bin/heron"
jar="$dist/examples/egret-examples.jar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/.config" EGRET_CLI_JAVA_OPTS="-Duser.home=$work"

now_ms() { date +%s%3N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

executed() { # topology
  "$heron" status local "$1" | awk '$1 == "record" { for (i = 1; i <= NF; i++) if ($i ~ /^executed=/) { sub("executed=", "", $i); print $i } }'
}

rate() { # mode, round
  local topology="ack-$1-$2" mode="$1"
  "$heron" submit local "$jar" io.egret.examples.ReliableWordCount "$topology" 2 50000000 10000000 - "$mode" \
    --wait-until RUNNING --timeout 120 >/dev/null
  sleep "$warmup"
  local first; first=$(executed "$topology")
  local start; start=$(now_ms)
  sleep "$measure"
  local second; second=$(executed "$topology")
  local elapsed=$(( $(now_ms) - start ))
  "$heron" kill local "$topology" >/dev/null
  echo $(( (second - first) * 1000 / elapsed ))
}

ratios=()
for round in $(seq "$rounds"); do
  atmost=$(rate ATMOST_ONCE "$round")
  atleast=$(rate ATLEAST_ONCE "$round")
  ratio=$(awk -v a="$atleast" -v b="$atmost" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  ratios+=("$ratio")
  printf 'round %d: ATMOST_ONCE %10d  ATLEAST_ONCE %10d  record tuples/s  ratio %s  (load %s)\n' \
    "$round" "$atmost" "$atleast" "$ratio" "$(cut -d' ' -f1 /proc/loadavg)"
done
printf 'median ATLEAST/ATMOST ratio over %d rounds, 2 containers in 2 processes: %s\n' "$rounds" \
  "$(printf '%s\n' "${ratios[@]}" | median)"
