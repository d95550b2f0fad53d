#!/usr/bin/env bash
# Topology-master control calls (activate) direct vs through an SSH tunnel: JSch local forward through an
# in-process Apache MINA SSHD jump host to a name only the jump host resolves. Reports the steady per-call time
# with the tunnel open and the first call of a fresh client (SSH login + verification channel + forward + call).
# The stand-in master is the JDK HTTP server with TCP_NODELAY (sun.net.httpserver.nodelay): without it every
# answer (headers and body written separately) waits about 40 ms for a delayed ACK, which hides the tunnel's cost.
# Not part of the test suite.
#
# Usage: benchmarks/tunnel-timings.sh [steady-calls] [first-calls]
# Raw output: benchmarks/results/tunnel-timings.txt
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-500}"
cold="${2:-20}"

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -q -pl modules -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
classpath="modules/target/test-classes:modules/target/classes:adapters-ssh/target/test-classes:$(cat "$classpath_file")"

mkdir -p benchmarks/results
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) benchmarks/tunnel-timings.sh $calls $cold"
    java -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$classpath" io.egret.modules.benchmarks.TunnelControlTimings "$calls" "$cold" 2>/dev/null
} | tee benchmarks/results/tunnel-timings.txt
