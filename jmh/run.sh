#!/usr/bin/env bash
# Runs the JMH suite and renders docs/benchmarks.md, docs/img/*.png and the README headline table.
#
#   jmh/run.sh [quick|full] [regex]
#
#   quick  1 fork, 2 x 1 s warm-up, 3 x 1 s measurement: under 10 minutes on 2 cores.
#   full   3 forks, 5 x 2 s warm-up, 10 x 2 s measurement: for real hardware, about an hour.
#   regex  only the benchmarks whose name matches (JMH's include regex); the report of a partial
#          run goes to jmh/target/report/ so that it never overwrites the full one in docs/.
#
# Every run uses -prof gc (allocation per operation) and a fixed 1 GiB heap; the JSON results stay
# in jmh/target/ and the report can be re-rendered from them with ReportMain (see its Javadoc).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-quick}
regex=${2:-}
case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full) opts=(-f 3 -wi 5 -w 2s -i 10 -r 2s) ;;
  *) echo "usage: jmh/run.sh [quick|full] [regex]" >&2; exit 2 ;;
esac
opts+=(-prof gc -jvmArgsAppend "-Xms1g -Xmx1g" -foe true)

mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl jmh -am package

results="jmh/target/results-$mode.json"
if [[ -n "$regex" ]]; then
  report_dir=jmh/target/report
  readme=-
else
  report_dir=docs
  readme=README.md
fi
mkdir -p "$report_dir"

java -jar jmh/target/benchmarks.jar "${opts[@]}" -rf json -rff "$results" ${regex:+"$regex"}
java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.ReportMain \
  "$results" "$report_dir/benchmarks.md" "$report_dir/img" "$readme" \
  "jmh/run.sh $mode${regex:+ $regex}  # JMH ${opts[*]}"
