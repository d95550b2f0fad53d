#!/usr/bin/env bash
# Runtime benchmarks: WordCount throughput within one container and across two containers (loopback TCP),
# and the latency from deactivate to spouts stopped. Not part of the test suite.
#
# Usage: benchmarks/run-runtime.sh [warmup-seconds] [measure-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${1:-5}"
measure="${2:-10}"

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
# One reactor run: the benchmarks module is built last, so its classpath is the one left in the file.
mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat "$classpath_file")"

for containers in 1 2; do
    java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$classpath" \
        io.egret.benchmarks.runtime.WordCountThroughput "$containers" 1 "$warmup" "$measure" 20 2>/dev/null
done
