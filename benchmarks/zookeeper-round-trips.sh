#!/usr/bin/env bash
# ZooKeeper round trips of `heron submit` and `heron kill` on the localzk cluster, counted by a ZooKeeper server
# that records every request per client session (e2e-tests ZooKeeperRoundTripsTest, through the real bin/heron).
# Heron for comparison: an existence check plus three sequential creates per submit, eight sequential deletes per
# kill. Writes the raw counts to benchmarks/results/zookeeper-round-trips.txt. The same test runs in `mvn verify`
# (it counts, it does not time; the CLI's session is told apart by the transaction that writes the topology's record).
# Usage: benchmarks/zookeeper-round-trips.sh   (builds what it needs through the reactor; add -o to run offline)
set -euo pipefail
cd "$(dirname "$0")/.."
output="$PWD/benchmarks/results/zookeeper-round-trips.txt"
mvn -B -ntp -q "$@" -pl e2e-tests -am verify \
  -Dtest=ZooKeeperRoundTripsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Degret.roundtrips.output="$output"
cat "$output"
