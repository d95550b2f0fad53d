#!/usr/bin/env bash
# Wall-clock timings of the local cluster through the real bin/heron (issue targets in brackets):
#   heron version                          [<= 0.3 s]
#   heron submit ... --wait-until RUNNING  [<= 3 s]   (every container registered with the topology master)
#   heron kill                             [<= 1 s]   (returns once no process is left)
# Usage: benchmarks/e2e-timings.sh [DISTRIBUTION_DIR] [RUNS]    (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(cd "${1:-distribution/target/egret}" && pwd)"
runs="${2:-5}"
heron="$dist/bin/heron"
examples="$dist/examples/egret-examples.jar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/.config" EGRET_CLI_JAVA_OPTS="-Duser.home=$work"

now_ms() { date +%s%3N; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

measure() { # name, then the command
  local name="$1"; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start; start=$(now_ms)
    "$@" >/dev/null
    times+=($(( $(now_ms) - start )))
  done
  printf '%-34s median %5d ms   runs: %s\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

measure "heron version" "$heron" version

submit_times=(); kill_times=()
for i in $(seq "$runs"); do
  start=$(now_ms)
  "$heron" submit local "$examples" io.egret.examples.WordCount "bench$i" --wait-until RUNNING --timeout 60 >/dev/null
  submit_times+=($(( $(now_ms) - start )))
  start=$(now_ms)
  "$heron" kill local "bench$i" >/dev/null
  kill_times+=($(( $(now_ms) - start )))
  if pgrep -f "topology-name=bench$i" >/dev/null; then
    echo "processes of bench$i are still running after kill" >&2
    exit 1
  fi
done
printf '%-34s median %5d ms   runs: %s\n' "heron submit WordCount -> RUNNING" \
  "$(printf '%s\n' "${submit_times[@]}" | median)" "${submit_times[*]}"
printf '%-34s median %5d ms   runs: %s\n' "heron kill -> nothing left" \
  "$(printf '%s\n' "${kill_times[@]}" | median)" "${kill_times[*]}"
