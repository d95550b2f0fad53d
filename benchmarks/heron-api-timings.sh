#!/usr/bin/env bash
# Heron-API topology jars on Egret (issue 15), through the real bin/heron of a built distribution:
#   1. submit --dry-run time of Egret's WordCount (io.egret.api) and of Heron's word count shape written against
#      org.apache.heron:heron-api 0.20 (examples/heron-examples.jar): the difference is what running Heron's
#      HeronSubmitter and reading its definition adds (heron-api on the author's class path, the protobuf, the
#      adapters' serialization).
#   2. tuples/s on the local cluster, 1 and 2 containers: executed per second of each topology's last bolt
#      (Egret: sentence -> split -> count, counted at "count"; Heron: word -> consumer, counted at "consumer"),
#      read from `heron status` over MEASURE seconds after WARMUP seconds.
# Usage: [THROUGHPUT=no] benchmarks/heron-api-timings.sh [DISTRIBUTION_DIR] [RUNS] [WARMUP_S] [MEASURE_S]
#        (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(cd "${1:-distribution/target/egret}" && pwd)"
runs="${2:-5}"
throughput_runs="${THROUGHPUT:-yes}"
warmup="${3:-10}"
measure="${4:-20}"
heron="$dist/bin/heron"
egret_jar="$dist/examples/egret-examples.jar"
heron_jar="$dist/examples/heron-examples.jar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/.config" EGRET_CLI_JAVA_OPTS="-Duser.home=$work"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

dry_run_ms() { # jar, class, name
  local start; start=$(now_ms)
  "$heron" submit local "$1" "$2" "$3" --dry-run >/dev/null
  echo $(( $(now_ms) - start ))
}

# Interleaved, so that a change in the machine's load hits both alike.
egret_times=(); heron_times=()
for i in $(seq "$runs"); do
  egret_times+=("$(dry_run_ms "$egret_jar" io.egret.examples.WordCount "dry$i")")
  heron_times+=("$(dry_run_ms "$heron_jar" io.egret.heron.examples.WordCountTopology "dry$i")")
done
printf '%-40s median %5d ms   runs: %s\n' "submit --dry-run Egret WordCount" \
  "$(printf '%s\n' "${egret_times[@]}" | median)" "${egret_times[*]}"
printf '%-40s median %5d ms   runs: %s\n' "submit --dry-run Heron WordCountTopology" \
  "$(printf '%s\n' "${heron_times[@]}" | median)" "${heron_times[*]}"

executed() { # topology, component
  "$heron" status local "$1" | awk -v c="$2" '$1 == c { for (i = 1; i <= NF; i++) if ($i ~ /^executed=/) { sub("executed=", "", $i); print $i } }'
}

throughput() { # name, topology, component, then the submit arguments
  local name="$1" topology="$2" component="$3"; shift 3
  "$heron" submit local "$@" --wait-until RUNNING --timeout 120 >/dev/null
  sleep "$warmup"
  local first; first=$(executed "$topology" "$component")
  local start; start=$(now_ms)
  sleep "$measure"
  local second; second=$(executed "$topology" "$component")
  local elapsed=$(( $(now_ms) - start ))
  "$heron" kill local "$topology" >/dev/null
  printf '%-40s %10d tuples/s at %s\n' "$name" $(( (second - first) * 1000 / elapsed )) "$component"
}

[ "$throughput_runs" = yes ] || exit 0
for containers in 1 2; do
  throughput "Egret WordCount, $containers container(s)" "ew$containers" count \
    "$egret_jar" io.egret.examples.WordCount "ew$containers" "$containers"
  throughput "Heron WordCountTopology, $containers container(s)" "hw$containers" consumer \
    "$heron_jar" io.egret.heron.examples.WordCountTopology "hw$containers" --containers "$containers"
done
