#!/usr/bin/env bash
# Measures speed ratios to each benchmark class's baseline in paired rounds and prints their median:
# the way to get a ratio worth quoting out of a noisy machine (see PairedRatios' Javadoc).
#
#   jmh/paired.sh ROUNDS REGEX [extra JMH options...]
#
# Each round is one JMH invocation of every benchmark matching REGEX (include the class's baseline),
# 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement, a fixed 1 GiB heap, so the benchmarks compared run
# seconds apart. Round results stay in jmh/target/paired/; the table goes to standard output.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: jmh/paired.sh ROUNDS REGEX [extra JMH options...]  (ROUNDS a positive integer)" >&2
  exit 2
fi
rounds=$1
regex=$2
shift 2

mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl jmh -am package

out=jmh/target/paired
rm -rf "$out"
mkdir -p "$out"
files=()
for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  file="$out/round-$round.json"
  java -jar jmh/target/benchmarks.jar -f 1 -wi 2 -w 1s -i 3 -r 1s \
    -jvmArgsAppend "-Xms1g -Xmx1g" -foe true -rf json -rff "$file" "$@" "$regex" >"$out/round-$round.log"
  files+=("$file")
done
echo "# jmh/paired.sh $rounds '$regex' $*  ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.PairedRatios "${files[@]}"
