#!/usr/bin/env bash
# Runs Egret's packing benchmarks with settings modest enough for a small shared machine (about five minutes on
# two cores) and prints two tables: time per plan (JMH, ms/op) and container count against the lower bound.
#
# Usage: benchmarks/run-packing.sh            (builds benchmarks/target/benchmarks.jar first if it is missing)
#        EGRET_BENCH_REBUILD=1 benchmarks/run-packing.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/target/packing-results"

if [[ ! -f "$jar" || "${EGRET_BENCH_REBUILD:-0}" == "1" ]]; then
    (cd "$root" && mvn -q -pl domain,benchmarks -am package -DskipTests)
fi
mkdir -p "$results"

run() {
    local name="$1"
    shift
    java -jar "$jar" -f 1 -foe true -rf csv -rff "$results/$name.csv" "$@" >"$results/$name.log" 2>&1 \
        || { echo "benchmark run '$name' failed; see $results/$name.log" >&2; exit 1; }
}

echo "Running pack benchmarks (1,000 to 100,000 instances)..." >&2
run pack-small 'PackingBenchmark.pack$' -wi 2 -i 3 -w 1 -r 1 -p instances=1000,10000,100000
echo "Running pack benchmarks (1,000,000 instances)..." >&2
run pack-large 'PackingBenchmark.pack$' -wi 1 -i 2 -w 1 -r 1 -p instances=1000000
echo "Running repack benchmarks (+10% parallelism, uniform)..." >&2
run repack 'PackingBenchmark.repack$' -wi 1 -i 2 -w 1 -r 1 -p shape=UNIFORM

echo
echo "Time per plan (JMH average time, -f 1; 1,000,000 and repack with fewer iterations)"
echo
echo "| benchmark | algorithm | shape | instances | ms/op | error (99.9%) |"
echo "|---|---|---|---:|---:|---:|"
for file in pack-small pack-large repack; do
    # CSV columns: Benchmark,Mode,Threads,Samples,Score,Score Error (99.9%),Unit,Param: algorithm,Param: instances,Param: shape
    tail -n +2 "$results/$file.csv" | tr -d '"' | awk -F, '{
        split($1, parts, ".");
        error = ($6 == "NaN" || $6 == "") ? "-" : sprintf("%.2f", $6);
        printf "| %s | %s | %s | %\047d | %.2f | %s |\n", parts[length(parts)], $8, $10, $9, $5, error
    }'
done

echo
echo "Containers used against the lower bound ceil(total demand / usable capacity) (RoundRobin: topology.stmgrs)"
echo
java -cp "$jar" io.egret.benchmarks.PackingReport
