package io.heapwise.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a JMH JSON result file: a benchmark method at one mode, thread count and parameter
 * set, with its score and (when run with {@code -prof gc}) its normalized allocation.
 *
 * @param className the benchmark class, fully qualified
 * @param method the benchmark method (or {@code @Group} name)
 * @param mode JMH's mode id: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param threads the number of benchmark threads
 * @param params the {@code @Param} values, sorted by name
 * @param score the primary score
 * @param error the 99.9% half-width JMH reports; NaN when there were too few iterations
 * @param unit the score's unit, e.g. {@code ops/us}
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, bytes allocated per operation; NaN when the
 *     run had no {@code -prof gc}
 * @param jdk the JDK version and VM name the benchmark ran on
 * @param jvmArgs the forked JVM's arguments
 * @param members the scores of the members of a JMH {@code @Group}, by method name; empty for a
 *     plain benchmark
 * @param scoredMember the member whose score this result shows ({@link #scoredBy}), or empty when
 *     it shows JMH's own primary score
 */
record BenchmarkResult(
    String className,
    String method,
    String mode,
    int threads,
    Map<String, String> params,
    double score,
    double error,
    String unit,
    double allocBytesPerOp,
    String jdk,
    List<String> jvmArgs,
    Map<String, Score> members,
    String scoredMember) {

  private static final String ALLOC_NORM = "gc.alloc.rate.norm";

  BenchmarkResult {
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    jvmArgs = List.copyOf(jvmArgs);
    members = Collections.unmodifiableMap(new TreeMap<>(members));
  }

  /**
   * A score with its error.
   *
   * @param score the score
   * @param error the 99.9% half-width; NaN when there were too few iterations
   */
  record Score(double score, double error) {}

  /**
   * This result as one member of its {@code @Group} saw it: that member's score and error, and the
   * bytes allocated per operation of that member. {@code gc.alloc.rate.norm} divides the bytes by
   * the operations of every member; each member's share of the operations follows from its score
   * (its operations per time in {@code thrpt}; threads divided by its time per operation in {@code
   * avgt}).
   *
   * @param member the member to show
   * @param threadsByMember the {@code @GroupThreads} of every member of the group
   * @throws IllegalArgumentException naming the member, if the result does not hold its score
   */
  BenchmarkResult scoredBy(String member, Map<String, Integer> threadsByMember) {
    Score shown = members.get(member);
    if (shown == null) {
      throw new IllegalArgumentException(
          className
              + "."
              + method
              + ": no score for group member "
              + member
              + ", only for "
              + members.keySet());
    }
    double allOps = 0;
    double memberOps = 0;
    for (Map.Entry<String, Integer> entry : threadsByMember.entrySet()) {
      Score score = members.get(entry.getKey());
      if (score == null) {
        continue;
      }
      double ops = higherIsBetter() ? score.score() : entry.getValue() / score.score();
      allOps += ops;
      if (entry.getKey().equals(member)) {
        memberOps = ops;
      }
    }
    double alloc = allocBytesPerOp * allOps / memberOps;
    return new BenchmarkResult(
        className,
        method,
        mode,
        threads,
        params,
        shown.score(),
        shown.error(),
        unit,
        alloc,
        jdk,
        jvmArgs,
        members,
        member);
  }

  /** Whether a higher score is better (throughput) or a lower one (time per operation). */
  boolean higherIsBetter() {
    return mode.equals("thrpt");
  }

  /** The class name without its package. */
  String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * Reads every result of a JMH JSON file ({@code -rf json}).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file, if it is not a JMH result array
   */
  static List<BenchmarkResult> readAll(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (!(root instanceof List<?> entries)) {
      throw new IllegalArgumentException(
          file + ": expected a JSON array of JMH results (run JMH with -rf json)");
    }
    List<BenchmarkResult> results = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(file + ": expected a JSON object per result");
      }
      results.add(fromJson(map, file));
    }
    return results;
  }

  private static BenchmarkResult fromJson(Map<?, ?> json, Path file) {
    String benchmark = requireString(json, "benchmark", file);
    int dot = benchmark.lastIndexOf('.');
    Map<?, ?> primary = requireMap(json, "primaryMetric", file);
    Map<String, String> params = new TreeMap<>();
    if (json.get("params") instanceof Map<?, ?> raw) {
      raw.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
    }
    double alloc = Double.NaN;
    Map<String, Score> members = new TreeMap<>();
    if (json.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
      if (secondary.get(ALLOC_NORM) instanceof Map<?, ?> norm) {
        alloc = Json.number(norm.get("score"));
      }
      // Profilers' metrics are named after what they measure ("gc.alloc.rate", "·cpi"); the other
      // secondary metrics of a group result are its members, named after their methods.
      secondary.forEach(
          (name, metric) -> {
            if (metric instanceof Map<?, ?> m && isMemberName(String.valueOf(name))) {
              members.put(
                  String.valueOf(name),
                  new Score(Json.number(m.get("score")), Json.number(m.get("scoreError"))));
            }
          });
    }
    List<String> jvmArgs = new ArrayList<>();
    if (json.get("jvmArgs") instanceof List<?> args) {
      args.forEach(arg -> jvmArgs.add(String.valueOf(arg)));
    }
    return new BenchmarkResult(
        benchmark.substring(0, Math.max(dot, 0)),
        benchmark.substring(dot + 1),
        requireString(json, "mode", file),
        (int) Json.number(json.get("threads")),
        params,
        Json.number(primary.get("score")),
        Json.number(primary.get("scoreError")),
        String.valueOf(primary.get("scoreUnit")),
        alloc,
        json.get("jdkVersion") + " (" + json.get("vmName") + " " + json.get("vmVersion") + ")",
        jvmArgs,
        members,
        "");
  }

  private static boolean isMemberName(String name) {
    return !name.isEmpty()
        && Character.isJavaIdentifierStart(name.charAt(0))
        && !name.contains(".");
  }

  private static String requireString(Map<?, ?> json, String key, Path file) {
    if (json.get(key) instanceof String value) {
      return value;
    }
    throw new IllegalArgumentException(file + ": result without a \"" + key + "\" string");
  }

  private static Map<?, ?> requireMap(Map<?, ?> json, String key, Path file) {
    if (json.get(key) instanceof Map<?, ?> value) {
      return value;
    }
    throw new IllegalArgumentException(file + ": result without a \"" + key + "\" object");
  }
}
