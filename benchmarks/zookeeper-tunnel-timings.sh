#!/usr/bin/env bash
# Wall-clock time of `heron list`, `heron submit --wait-until RUNNING` and `heron kill` on the localzk cluster
# through the real bin/heron (a copy of the built install), with ZooKeeper (Curator TestingServer) reached directly
# and through an SSH jump host (Apache MINA SSHD; the CLI cannot resolve ZooKeeper's cluster-only name, the jump
# host can). Runs alternate direct / tunnel; the load average before and after is part of the output, since this
# machine is shared. Both servers run in the measuring JVM (e2e-tests TunnelledZooKeeperTimings). Not a test.
#
# Usage: benchmarks/zookeeper-tunnel-timings.sh [runs]    (builds what it needs through the reactor)
# Raw output: benchmarks/results/zookeeper-tunnel-timings.txt
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -ntp -q -pl e2e-tests -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
classpath="e2e-tests/target/test-classes:adapters-ssh/target/test-classes:test-support/target/classes:$(cat "$classpath_file")"

mkdir -p benchmarks/results
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) benchmarks/zookeeper-tunnel-timings.sh $runs ($(nproc) cores)"
    java -Xmx512m -Degret.distribution="$PWD/distribution/target/egret" -cp "$classpath" \
        io.egret.e2e.TunnelledZooKeeperTimings "$runs" 2>/dev/null
} | tee benchmarks/results/zookeeper-tunnel-timings.txt
