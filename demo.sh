#!/usr/bin/env bash
# Builds heapwise (without running its tests) and runs the demo. Arguments go to the demo
# (./demo.sh --help lists them).
set -euo pipefail
cd "$(dirname "$0")"
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
echo "building heapwise (about a minute on a fresh machine)..."
if ! mvn -B -Dstyle.color=never -Dmaven.test.skip=true -Dspotless.check.skip=true \
    -pl demo -am package >"$build_log" 2>&1; then
  cat "$build_log"
  echo "demo.sh: the build failed; the log is above" >&2
  exit 1
fi
exec java -jar demo/target/heapwise-demo.jar "$@"
