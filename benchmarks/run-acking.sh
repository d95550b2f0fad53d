#!/usr/bin/env bash
# The cost of at-least-once: AckingThroughput (reliable WordCount in one JVM) in ATMOST_ONCE and ATLEAST_ONCE,
# one container and two containers (loopback TCP between them, as between processes). Prints the load average
# before and after, since the machine is shared. Not part of the test suite.
#
# Usage: benchmarks/run-acking.sh [warmup-seconds] [measure-seconds] [max-spout-pending]
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${1:-5}"
measure="${2:-10}"
pending="${3:-10000}"

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat "$classpath_file")"

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  cores: $(nproc)  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for containers in 1 2; do
    for mode in ATMOST_ONCE ATLEAST_ONCE; do
        java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$classpath" \
            io.egret.benchmarks.runtime.AckingThroughput "$mode" "$containers" "$warmup" "$measure" "$pending" \
            2>/dev/null
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
