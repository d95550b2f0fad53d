#!/usr/bin/env bash
# Heron on Aurora through the real bin/heron, against the aurora client simulator of adapters-aurora's test tree
# (it evaluates the stock heron.aurora and runs each instance's processes on this machine):
#   heron submit aurora/... WordCount                        (returns once 'aurora job create --wait-until RUNNING' did)
#   heron submit aurora/... WordCount --wait-until RUNNING   (every container registered with the topology master)
#   heron kill                                               (returns once 'aurora job killall' did; nothing left)
# and, once, the exact aurora argument list of every command (submit, restart one and all, update up and down,
# kill, status), as the simulator logged it.
# Usage: benchmarks/aurora-timings.sh [DISTRIBUTION_DIR] [RUNS]    (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(cd "${1:-distribution/target/egret}" && pwd)"
runs="${2:-5}"
heron="$dist/bin/heron"
examples="$dist/examples/egret-examples.jar"
simulator="$(cd adapters-aurora/src/test/sim && pwd)"

work="$(mktemp -d)"
cleanup() {
  AURORA_SIM_HOME="$work/aurora-sim" "$simulator/aurora" job killall aurora/www-data/devel/bench >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/.config" EGRET_CLI_JAVA_OPTS="-Duser.home=$work"
# The agents (this machine) have the install's bin/ on their PATH for heron-downloader.
export PATH="$simulator:$dist/bin:$PATH" AURORA_SIM_HOME="$work/aurora-sim"
target=aurora/www-data/devel

"$heron" config aurora set heron.package.core.uri "file://$dist/dist/heron-core.tar.gz" >/dev/null
"$heron" config aurora set heron.statemgr.root.path "$work/state/\${CLUSTER}" >/dev/null
"$heron" config aurora set heron.uploader.localfs.file.system.directory \
  "$work/packages/\${CLUSTER}/\${ROLE}/\${TOPOLOGY}" >/dev/null
"$heron" config aurora set heron.directory.sandbox.java.home "${JAVA_HOME:-/usr}" >/dev/null

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
report() { printf '%-52s median %6d ms   runs: %s\n' "$1" "$(printf '%s\n' "${@:2}" | median)" "${*:2}"; }

timed() { local start; start=$(now_ms); "$@" >/dev/null; echo $(( $(now_ms) - start )); }

submit_times=(); running_times=(); kill_times=()
for _ in $(seq "$runs"); do
  submit_times+=("$(timed "$heron" submit "$target" "$examples" io.egret.examples.WordCount bench)")
  kill_times+=("$(timed "$heron" kill "$target" bench)")
  running_times+=("$(timed "$heron" submit "$target" "$examples" io.egret.examples.WordCount bench \
    --wait-until RUNNING --timeout 120)")
  kill_times+=("$(timed "$heron" kill "$target" bench)")
  if pgrep -f "topology-name=bench" >/dev/null; then
    echo "processes of bench are still running after kill" >&2
    exit 1
  fi
done
report "heron submit (aurora job create ... RUNNING)" "${submit_times[@]}"
report "heron submit --wait-until RUNNING (all registered)" "${running_times[@]}"
report "heron kill (aurora job killall; nothing left)" "${kill_times[@]}"

# Every command once, for the argument lists.
: > "$AURORA_SIM_HOME/calls.log"
"$heron" submit "$target" "$examples" io.egret.examples.WordCount bench --wait-until RUNNING --timeout 120 >/dev/null
"$heron" status "$target" bench >/dev/null
"$heron" restart "$target" bench 1 >/dev/null
"$heron" restart "$target" bench >/dev/null
"$heron" update "$target" bench --container-number 3 >/dev/null
"$heron" update "$target" bench --container-number 1 >/dev/null
"$heron" kill "$target" bench >/dev/null
echo
echo "aurora argument lists (as the simulator received them; JSON lists, status polls collapsed):"
uniq "$AURORA_SIM_HOME/calls.log" | sed "s#$work#\$WORK#g; s#$dist#\$HERON_HOME#g"
