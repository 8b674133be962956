#!/usr/bin/env bash
# Builds heapwise (without running its tests) and runs the demo. Arguments go to the demo.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -Dspotless.check.skip=true -pl demo -am package
exec java -jar demo/target/heapwise-demo.jar "$@"
