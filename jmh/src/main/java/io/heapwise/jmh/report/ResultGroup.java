package io.heapwise.jmh.report;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;

/**
 * The results that are compared with each other: one class, one mode, one thread count, one
 * parameter set; all from one run. The baseline is the method marked {@link Baseline}.
 */
final class ResultGroup {

  private final String className;
  private final String label;
  private final List<BenchmarkResult> results;
  private final BenchmarkResult baseline;

  private ResultGroup(String className, String label, List<BenchmarkResult> results, String base) {
    this.className = className;
    this.label = label;
    this.baseline =
        base == null
            ? null
            : results.stream().filter(r -> r.method().equals(base)).findFirst().orElse(null);
    List<BenchmarkResult> ordered = new ArrayList<>(results);
    if (baseline != null) {
      ordered.remove(baseline);
      ordered.add(0, baseline); // the baseline heads its table
    }
    this.results = List.copyOf(ordered);
  }

  /**
   * Splits results into groups, keeping the order in which JMH ran them.
   *
   * @param baselines finds the baseline method of a class, if it has one
   */
  static List<ResultGroup> of(
      List<BenchmarkResult> results,
      java.util.function.Function<String, Optional<String>> baselines) {
    Map<String, List<BenchmarkResult>> byKey = new LinkedHashMap<>();
    for (BenchmarkResult result : results) {
      byKey.computeIfAbsent(key(result), k -> new ArrayList<>()).add(result);
    }
    List<ResultGroup> groups = new ArrayList<>();
    for (List<BenchmarkResult> members : byKey.values()) {
      BenchmarkResult first = members.get(0);
      groups.add(
          new ResultGroup(
              first.className(),
              label(first),
              members,
              baselines.apply(first.className()).orElse(null)));
    }
    return groups;
  }

  /** Finds the {@link Baseline} method of a benchmark class on the class path, by reflection. */
  static Optional<String> baselineByAnnotation(String className) {
    return loadClass(className)
        .flatMap(
            type -> {
              for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Baseline.class)) {
                  // A method of an asymmetric benchmark is reported under its group's name.
                  Group group = method.getAnnotation(Group.class);
                  return Optional.of(group == null ? method.getName() : group.value());
                }
              }
              return Optional.empty();
            });
  }

  /**
   * {@code result} scored by its group's {@link GroupScore} member, when it is a group result whose
   * class marks one; otherwise {@code result} itself.
   */
  static BenchmarkResult scoredByAnnotation(BenchmarkResult result) {
    if (result.members().isEmpty()) {
      return result;
    }
    return loadClass(result.className()).map(type -> scoredBy(result, type)).orElse(result);
  }

  private static BenchmarkResult scoredBy(BenchmarkResult result, Class<?> type) {
    Map<String, Integer> threadsByMember = new LinkedHashMap<>();
    String scored = null;
    for (Method method : type.getMethods()) {
      Group group = method.getAnnotation(Group.class);
      if (group == null || !group.value().equals(result.method())) {
        continue;
      }
      GroupThreads threads = method.getAnnotation(GroupThreads.class);
      threadsByMember.put(method.getName(), threads == null ? 1 : threads.value());
      if (method.isAnnotationPresent(GroupScore.class)) {
        scored = method.getName();
      }
    }
    return scored == null ? result : result.scoredBy(scored, threadsByMember);
  }

  /** The {@link Headline} text of a benchmark class, if it has one. */
  static Optional<String> headlineByAnnotation(String className) {
    return loadClass(className)
        .map(type -> type.getAnnotation(Headline.class))
        .map(Headline::value);
  }

  private static Optional<Class<?>> loadClass(String className) {
    try {
      return Optional.of(Class.forName(className, false, ResultGroup.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private static String key(BenchmarkResult result) {
    return result.className() + '|' + label(result);
  }

  private static String label(BenchmarkResult result) {
    StringJoiner joiner = new StringJoiner(", ");
    joiner.add(result.mode());
    joiner.add(result.threads() == 1 ? "1 thread" : result.threads() + " threads");
    result.params().forEach((name, value) -> joiner.add(name + "=" + value));
    return joiner.toString();
  }

  String className() {
    return className;
  }

  /** Mode, threads and parameters, e.g. {@code thrpt, 2 threads, size=128}. */
  String label() {
    return label;
  }

  List<BenchmarkResult> results() {
    return results;
  }

  /** Whether {@code result} is this group's baseline. */
  boolean isBaseline(BenchmarkResult result) {
    return baseline != null && baseline.method().equals(result.method());
  }

  Optional<BenchmarkResult> baseline() {
    return Optional.ofNullable(baseline);
  }

  /**
   * How many times faster than the baseline {@code result} is (2.0 = twice as fast), whatever the
   * mode; NaN without a baseline.
   */
  double speedRatio(BenchmarkResult result) {
    if (baseline == null || baseline.score() == 0 || result.score() == 0) {
      return Double.NaN;
    }
    return result.higherIsBetter()
        ? result.score() / baseline.score()
        : baseline.score() / result.score();
  }

  /** The last cells of a table row: {@code alloc B/op | speed | alloc |}. */
  String allocationAndRatioCells(BenchmarkResult result) {
    return Numbers.bytes(result.allocBytesPerOp())
        + " | "
        + Numbers.ratio(speedRatio(result))
        + " | "
        + Numbers.ratio(allocRatio(result))
        + " |";
  }

  /**
   * Bytes allocated per operation relative to the baseline (0.1 = a tenth); NaN without a baseline,
   * without {@code -prof gc}, or when the baseline allocates nothing.
   */
  double allocRatio(BenchmarkResult result) {
    if (baseline == null || !(baseline.allocBytesPerOp() > 0.5)) {
      return Double.NaN;
    }
    return result.allocBytesPerOp() / baseline.allocBytesPerOp();
  }
}
