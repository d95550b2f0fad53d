#!/usr/bin/env bash
# Runtime benchmarks: WordCount throughput within one container and across two containers (loopback TCP),
# and the latency from deactivate to spouts stopped. Not part of the test suite.
#   1. WordCountThroughput (this module): the topology in one JVM (EmbeddedTopology), 1 and 2 containers;
#      two containers talk over loopback TCP exactly as separate processes do.
#   2. MultiProcessWordCountBenchmark (executor test tree): master and two containers as separate processes.
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

# Separate processes: the executor's test fixtures start them on the executor's runtime module path.
executor_classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file" "$executor_classpath_file"' EXIT
mvn -q -pl executor -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.outputFile="$executor_classpath_file" -Dmdep.includeScope=test
java -cp "executor/target/test-classes:executor/target/classes:$(cat "$executor_classpath_file")" \
    io.egret.executor.MultiProcessWordCountBenchmark "$warmup" "$measure" 20 2>/dev/null
