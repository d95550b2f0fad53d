#!/usr/bin/env bash
# Builds Egret, submits the WordCount example to the local cluster and shows it running.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp package -DskipTests
heron=distribution/target/egret/bin/heron
examples=distribution/target/egret/examples/egret-examples.jar
"$heron" submit local "$examples" io.egret.examples.WordCount wordcount --wait-until RUNNING --timeout 60
sleep 3
"$heron" status local wordcount
echo
echo "Kill it with: $heron kill local wordcount"
