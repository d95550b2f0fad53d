#!/usr/bin/env bash
# The cost of at-least-once: AckingThroughput (reliable WordCount in one JVM), one container and two containers
# (loopback TCP between them, as between processes). Each round runs an ATMOST_ONCE and an ATLEAST_ONCE topology
# side by side in one JVM over the same window (SIDE_BY_SIDE), so that the load of a shared machine weighs on both
# alike, and prints both rates and their ratio; the end prints the median ratio per container count. Prints the
# load average before and after. Not part of the test suite.
#
# Usage: benchmarks/run-acking.sh [warmup-seconds] [measure-seconds] [max-spout-pending] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${1:-5}"
measure="${2:-10}"
pending="${3:-10000}"
rounds="${4:-3}"

classpath_file="$(mktemp)"
ratios="$(mktemp)"
trap 'rm -f "$classpath_file" "$ratios"' EXIT
mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat "$classpath_file")"

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  cores: $(nproc)  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    for containers in 1 2; do
        result="$(java -Xms2g -Xmx2g -XX:+UseParallelGC -cp "$classpath" io.egret.benchmarks.runtime.AckingThroughput \
            SIDE_BY_SIDE "$containers" "$warmup" "$measure" "$pending" 2>/dev/null)"
        echo "round $round: $result"
        echo "$containers $(sed -nE 's/.*completed spout tuples: ([0-9.]+).*/\1/p' <<<"$result")" >>"$ratios"
    done
done
for containers in 1 2; do
    median="$(awk -v c="$containers" '$1 == c { print $2 }' "$ratios" | sort -n \
        | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
    echo "median ATLEAST/ATMOST completed spout tuples, containers=$containers, over $rounds rounds: $median"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
