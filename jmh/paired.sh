#!/usr/bin/env bash
# Measures speed ratios to each benchmark class's baseline in paired rounds and prints their median:
# the way to get a ratio worth quoting out of a noisy machine (see PairedRatios' Javadoc).
#
#   jmh/paired.sh ROUNDS REGEX [extra JMH options...]
#
# Each round runs every benchmark matching REGEX (include the class's baseline) once, each in its
# own JMH invocation (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement, a fixed 1 GiB heap), so the
# benchmarks compared run seconds apart; odd rounds run them in JMH's order, even rounds in reverse,
# so that neither side always goes first. Round results stay in jmh/target/paired/round-N/; the
# table goes to standard output.
set -euo pipefail
cd "$(dirname "$0")/.."
source jmh/paired-rounds.sh

if [[ $# -lt 2 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: jmh/paired.sh ROUNDS REGEX [extra JMH options...]  (ROUNDS a positive integer)" >&2
  exit 2
fi
rounds=$1
regex=$2
shift 2

mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl jmh -am package

jar=jmh/target/benchmarks.jar
paired_list paired.sh "$jar" "$regex"

out=jmh/target/paired
rm -rf "$out"
dirs=()
for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  dir="$out/round-$round"
  mkdir -p "$dir"
  paired_order "$round" "${benchmarks[@]}"
  for benchmark in "${order[@]}"; do
    paired_run "$jar" "$dir" "$benchmark" "$@"
  done
  dirs+=("$dir")
done
echo "# jmh/paired.sh $rounds '$regex' $*  ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.PairedRatios "${dirs[@]}"
