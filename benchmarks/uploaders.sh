#!/usr/bin/env bash
# Uploaders (issue 10), each against a real server started in process:
#   - bytes sent on a first and a second submit of the same package (goal: 0 on the second)
#   - upload throughput of an N MiB package (default 200) compared with a plain file copy on the same disk
# S3: S3Proxy behind a byte-counting relay (bytes counted on the wire). HDFS: a MiniDFSCluster with one
# DataNode (bytes from Hadoop's client statistics).
# Usage: [SKIP_BUILD=1] benchmarks/uploaders.sh [MEGABYTES]   Raw output: benchmarks/results/uploaders-<date>.txt
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-200}"
[ -n "${SKIP_BUILD:-}" ] || mvn -B -ntp -q -pl adapters-s3,adapters-hdfs -am test-compile -Dspotless.check.skip=true >/dev/null

classpath() { # module: its test classpath, with the reactor's own classes first
  local module="$1" file
  file="$(mktemp)"
  mvn -B -ntp -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file" >/dev/null
  printf '%s:%s:%s:%s:%s' "$module/target/test-classes" "$module/target/classes" \
    ports/target/classes domain/target/classes "$(cat "$file")"
  rm -f "$file"
}

mkdir -p benchmarks/results
out="benchmarks/results/uploaders-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# benchmarks/uploaders.sh $megabytes on $(hostname), $(nproc) cores, $(date -u)"
  echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx1g -cp "$(classpath adapters-s3)" io.egret.adapters.s3.UploadBenchmark "$megabytes" 2>/dev/null
  java -Xmx1g -cp "$(classpath adapters-hdfs)" io.egret.adapters.hdfs.UploadBenchmark "$megabytes" 2>/dev/null
} | tee "$out"
echo "raw output: $out"
