package io.heapwise.jmh.report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The README's headline table: the results of the {@link Headline} classes, spliced between the
 * {@value #START} and {@value #END} markers so that the rest of the README is never touched.
 */
final class ReadmeHeadline {

  static final String START = "<!-- headline:start -->";
  static final String END = "<!-- headline:end -->";

  private ReadmeHeadline() {}

  /** The table for the groups whose class has a headline; empty when none has. */
  static String table(
      List<ResultGroup> groups, Function<String, Optional<String>> headlines, RunInfo run) {
    StringBuilder out = new StringBuilder();
    for (ResultGroup group : groups) {
      Optional<String> headline = headlines.apply(group.className());
      if (headline.isEmpty()) {
        continue;
      }
      if (out.length() == 0) {
        out.append("| measures | variant | score | alloc B/op | speed | alloc |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
      }
      for (BenchmarkResult result : group.results()) {
        out.append("| ")
            .append(headline.get())
            .append(" (")
            .append(group.label())
            .append(") | ")
            .append(result.method())
            .append(" | ")
            .append(Numbers.score(result.score()))
            .append(' ')
            .append(result.unit())
            .append(" | ")
            .append(group.allocationAndRatioCells(result))
            .append('\n');
      }
    }
    if (out.length() > 0) {
      out.append("\n_")
          .append(run.date())
          .append(", ")
          .append(run.jdk())
          .append(", ")
          .append(run.cores())
          .append(" cores, `")
          .append(run.command())
          .append("`. All results: [docs/benchmarks.md](docs/benchmarks.md)._\n");
    }
    return out.toString();
  }

  /**
   * Replaces what lies between the markers of {@code readme} with {@code table}.
   *
   * @throws IllegalArgumentException if the README lacks either marker, or has them out of order
   */
  static String splice(String readme, String table) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "README has no headline block: expected the lines "
              + START
              + " and "
              + END
              + ", in that order");
    }
    return readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
  }
}
