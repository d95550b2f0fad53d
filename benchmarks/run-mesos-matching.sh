#!/usr/bin/env bash
# Mesos offer matching: 1,000 containers on offers of 1,000 agents, the adapter's grouped matcher against a naive
# O(pending x offers) one in the same JMH run. Raw output goes to benchmarks/results/mesos-matching.{txt,csv}.
#
# Usage: benchmarks/run-mesos-matching.sh   (builds benchmarks/target/benchmarks.jar first if it is missing)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

if [[ ! -f "$jar" || "${EGRET_BENCH_REBUILD:-0}" == "1" ]]; then
    (cd "$root" && mvn -q -pl benchmarks -am package -DskipTests)
fi
mkdir -p "$here/results"
java -jar "$jar" 'OfferMatchingBenchmark' -f 1 -wi 3 -i 5 -w 1 -r 1 \
    -rf csv -rff "$here/results/mesos-matching.csv" | tee "$here/results/mesos-matching.txt"
