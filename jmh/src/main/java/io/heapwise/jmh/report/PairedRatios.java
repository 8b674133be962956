package io.heapwise.jmh.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Speed ratios to each class's {@link Baseline}, taken round by round and summarized by their
 * median: the figure to quote from a noisy machine. {@code jmh/paired.sh} calls it.
 *
 * <p>On a shared 2-core machine a benchmark's score drifts by tens of percent from minute to
 * minute, and JMH runs all forks of one benchmark before the next, so a ratio of two scores from
 * one long run also measures the drift between them. A round runs every compared benchmark once,
 * back to back (seconds apart), so each round's ratio sees nearly the same machine; the median over
 * rounds discards the rounds that a burst of load hit one side of.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.PairedRatios ROUND...
 * </pre>
 *
 * <p>Each argument is one round: a JMH JSON file ({@code -rf json}), or a directory whose {@code
 * *.json} files together make the round (paired.sh runs each benchmark of a round on its own).
 * Asymmetric benchmarks are scored by their {@link GroupScore} member, as in the report.
 */
public final class PairedRatios {

  private PairedRatios() {}

  /**
   * Prints the summary table as markdown.
   *
   * @param args the rounds, at least one: JMH JSON files or directories of them
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: PairedRatios ROUND.json|ROUND_DIR...");
      System.exit(2);
    }
    List<List<BenchmarkResult>> rounds = new ArrayList<>();
    for (String arg : args) {
      rounds.add(readRound(Path.of(arg)).stream().map(ResultGroup::scoredByAnnotation).toList());
    }
    System.out.print(table(ratiosByBenchmark(rounds, ResultGroup::baselineByAnnotation)));
  }

  /**
   * The results of one round: a JMH JSON file, or every {@code *.json} file of a directory, in name
   * order.
   *
   * @throws IllegalArgumentException naming the directory, if it holds no JSON file
   */
  static List<BenchmarkResult> readRound(Path round) throws IOException {
    if (!Files.isDirectory(round)) {
      return BenchmarkResult.readAll(round);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(round)) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(round + ": a round directory without any .json file");
    }
    List<BenchmarkResult> results = new ArrayList<>();
    for (Path file : files) {
      results.addAll(BenchmarkResult.readAll(file));
    }
    return results;
  }

  /**
   * Each benchmark's speed ratio to its group's baseline, one per round in round order, keyed by
   * {@code Class.method [group label]}; baselines themselves and classes without one are left out.
   */
  static Map<String, List<Double>> ratiosByBenchmark(
      List<List<BenchmarkResult>> rounds,
      java.util.function.Function<String, java.util.Optional<String>> baselines) {
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (List<BenchmarkResult> round : rounds) {
      for (ResultGroup group : ResultGroup.of(round, baselines)) {
        if (group.baseline().isEmpty()) {
          continue;
        }
        for (BenchmarkResult result : group.results()) {
          if (!group.isBaseline(result)) {
            String key =
                result.simpleClassName() + "." + result.method() + " [" + group.label() + "]";
            ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(group.speedRatio(result));
          }
        }
      }
    }
    return ratios;
  }

  /** The median of {@code values}: the middle one, or the mean of the middle two. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** One markdown row per benchmark: rounds, median, lowest, highest, and every round's ratio. */
  static String table(Map<String, List<Double>> ratios) {
    StringBuilder out =
        new StringBuilder(
            """
            | benchmark vs baseline | rounds | median | lowest | highest | each round |
            |---|---:|---:|---:|---:|---|
            """);
    ratios.forEach(
        (benchmark, values) -> {
          List<String> each = values.stream().map(Numbers::ratio).toList();
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %s | %s | %s | %s |%n",
                  benchmark,
                  values.size(),
                  Numbers.ratio(median(values)),
                  Numbers.ratio(
                      values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()),
                  Numbers.ratio(
                      values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                  String.join(" ", each)));
        });
    return out.toString();
  }
}
