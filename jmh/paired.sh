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

if [[ $# -lt 2 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: jmh/paired.sh ROUNDS REGEX [extra JMH options...]  (ROUNDS a positive integer)" >&2
  exit 2
fi
rounds=$1
regex=$2
shift 2

mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl jmh -am package

mapfile -t benchmarks < <(java -jar jmh/target/benchmarks.jar -l "$regex" | grep -v '^Benchmarks:')
if [[ ${#benchmarks[@]} -lt 2 ]]; then
  echo "paired.sh: '$regex' matches ${#benchmarks[@]} benchmark(s); a ratio needs the baseline and at least one more" >&2
  exit 2
fi

out=jmh/target/paired
rm -rf "$out"
dirs=()
for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  dir="$out/round-$round"
  mkdir -p "$dir"
  order=("${benchmarks[@]}")
  if ((round % 2 == 0)); then
    for ((i = ${#benchmarks[@]} - 1, j = 0; i >= 0; i--, j++)); do order[j]=${benchmarks[i]}; done
  fi
  for benchmark in "${order[@]}"; do
    method=${benchmark##*.}
    class=${benchmark%.*}
    name=${class##*.}.$method # the class too: two classes may share a method name
    java -jar jmh/target/benchmarks.jar -f 1 -wi 2 -w 1s -i 3 -r 1s \
      -jvmArgsAppend "-Xms1g -Xmx1g" -foe true -rf json -rff "$dir/$name.json" "$@" \
      "^${benchmark//./\\.}\$" >"$dir/$name.log"
  done
  dirs+=("$dir")
done
echo "# jmh/paired.sh $rounds '$regex' $*  ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.PairedRatios "${dirs[@]}"
