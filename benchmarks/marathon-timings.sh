#!/usr/bin/env bash
# Wall time of `heron submit` and `heron kill` on the DC/OS guide's Marathon cluster against the Marathon
# simulator (real bin/heron, real executor processes), and the number of HTTP calls each makes to Marathon.
# Usage: benchmarks/marathon-timings.sh [RUNS]   (builds what it needs through the reactor; never installs)
# Writes benchmarks/results/marathon-timings.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
out="$(pwd)/benchmarks/results/marathon-timings.md"
mkdir -p "$(dirname "$out")"
mvn -B -ntp -q -pl e2e-tests -am verify -Dtest=MarathonTimings -Dsurefire.failIfNoSpecifiedTests=false \
  -Degret.benchmark.runs="$runs" -Degret.benchmark.output="$out"
cat "$out"
