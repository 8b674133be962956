#!/usr/bin/env bash
# Compares builds (commits) of the same benchmarks in paired rounds: the way to tell whether a
# change moved a ratio on a noisy machine. Each build's ratios to its own baselines come from the
# same rounds, so the machine's drift hits every build alike.
#
#   jmh/paired-builds.sh ROUNDS REGEX JAR... [-- extra JMH options...]
#
# Build each JAR beforehand, e.g. in a worktree per commit:
#   git worktree add /tmp/before <commit> && (cd /tmp/before && mvn -B -q -DskipTests -pl jmh -am package)
# and pass /tmp/before/jmh/target/benchmarks.jar. REGEX should match the class's @Baseline too.
# Each round runs every matching benchmark of every build once (1 fork, 2 x 1 s warm-up, 3 x 1 s
# measurement, a fixed 1 GiB heap), one JMH invocation each; the builds take turns going first,
# and every other round runs the benchmarks in reverse order. Results stay in
# jmh/target/paired-builds/build-K/round-N/; one PairedRatios table per build goes to standard
# output.
set -euo pipefail
cd "$(dirname "$0")/.."
source jmh/paired-rounds.sh

if [[ $# -lt 3 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: jmh/paired-builds.sh ROUNDS REGEX JAR... [-- extra JMH options...]" >&2
  exit 2
fi
rounds=$1
regex=$2
shift 2
jars=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  if [[ ! -f "$1" ]]; then
    echo "paired-builds.sh: no such benchmarks jar: $1" >&2
    exit 2
  fi
  jars+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
  shift
done
[[ $# -gt 0 ]] && shift # the --
if [[ ${#jars[@]} -lt 1 ]]; then
  echo "paired-builds.sh: name at least one benchmarks jar" >&2
  exit 2
fi

paired_list paired-builds.sh "${jars[0]}" "$regex"

out=jmh/target/paired-builds
rm -rf "$out"
for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  paired_order "$round" "${benchmarks[@]}"
  for ((turn = 0; turn < ${#jars[@]}; turn++)); do
    k=$(((turn + round) % ${#jars[@]}))
    dir="$out/build-$((k + 1))/round-$round"
    mkdir -p "$dir"
    for benchmark in "${order[@]}"; do
      paired_run "${jars[k]}" "$dir" "$benchmark" "$@"
    done
  done
done
echo "# jmh/paired-builds.sh $rounds '$regex' ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
for ((k = 0; k < ${#jars[@]}; k++)); do
  echo
  echo "## build $((k + 1)): ${jars[k]}"
  java -cp "${jars[k]}" io.heapwise.jmh.report.PairedRatios "$out/build-$((k + 1))"/round-*
done
