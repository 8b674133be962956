# Shared by paired.sh and paired-builds.sh (sourced, not run): how a paired round lists, orders and
# runs its benchmarks, so that both tools measure alike.

# Sets the array `benchmarks` to those of JAR matching REGEX; exits (2) if there are fewer than
# two, since a ratio needs the baseline and at least one more. Usage: paired_list TOOL JAR REGEX
paired_list() {
  local tool=$1 jar=$2 regex=$3
  mapfile -t benchmarks < <(java -jar "$jar" -l "$regex" | grep -v '^Benchmarks:')
  if [[ ${#benchmarks[@]} -lt 2 ]]; then
    echo "$tool: '$regex' matches ${#benchmarks[@]} benchmark(s); a ratio needs the baseline and at least one more" >&2
    exit 2
  fi
}

# Sets the array `order` to the benchmarks in the order round ROUND runs them: JMH's order in odd
# rounds, reversed in even ones, so that neither side always goes first.
# Usage: paired_order ROUND BENCHMARK...
paired_order() {
  local round=$1
  shift
  order=("$@")
  if ((round % 2 == 0)); then
    local i j
    for ((i = $# - 1, j = 0; i >= 0; i--, j++)); do order[j]=${@:i+1:1}; done
  fi
}

# Runs one benchmark once (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement, a fixed 1 GiB heap) into
# DIR/Class.method.json, its output into DIR/Class.method.log.
# Usage: paired_run JAR DIR BENCHMARK [extra JMH options...]
paired_run() {
  local jar=$1 dir=$2 benchmark=$3
  shift 3
  local method=${benchmark##*.}
  local class=${benchmark%.*}
  local name=${class##*.}.$method # the class too: two classes may share a method name
  java -jar "$jar" -f 1 -wi 2 -w 1s -i 3 -r 1s \
    -jvmArgsAppend "-Xms1g -Xmx1g" -foe true -rf json -rff "$dir/$name.json" "$@" \
    "^${benchmark//./\\.}\$" >"$dir/$name.log"
}
