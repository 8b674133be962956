package io.heapwise.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a JMH JSON result file into {@code docs/benchmarks.md}, its charts and the README's
 * headline table. {@code jmh/run.sh} calls it after each run; it can be re-run on an old result
 * file.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.heapwise.jmh.report.ReportMain \
 *     RESULTS.json REPORT.md IMAGE_DIR README.md|- "COMMAND"
 * </pre>
 *
 * <p>Pass {@code -} as the README to leave it alone (the CI smoke run does).
 */
public final class ReportMain {

  private ReportMain() {}

  /**
   * Runs the renderer.
   *
   * @param args results file, report file, image directory, README (or {@code -}), command line
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println(
          "usage: ReportMain RESULTS.json REPORT.md IMAGE_DIR README.md|- \"COMMAND\"");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    Path report = Path.of(args[1]);
    String summary =
        render(Path.of(args[0]), report, Path.of(args[2]), optionalPath(args[3]), args[4]);
    System.out.println(summary);
  }

  /** Renders everything; returns a one-line summary of what was written. */
  static String render(
      Path results, Path report, Path imageDir, Optional<Path> readme, String command)
      throws IOException {
    List<BenchmarkResult> all =
        BenchmarkResult.readAll(results).stream().map(ResultGroup::scoredByAnnotation).toList();
    if (all.isEmpty()) {
      throw new IllegalArgumentException(results + ": holds no results; did the run fail?");
    }
    List<ResultGroup> groups = ResultGroup.of(all, ResultGroup::baselineByAnnotation);
    RunInfo run = RunInfo.ofThisMachine(command, all);
    Map<String, List<String>> charts = renderCharts(groups, report, imageDir);
    String notes = MarkdownReport.notesOf(readIfExists(report));
    String markdown =
        MarkdownReport.render(run, groups, notes, c -> charts.getOrDefault(c, List.of()));
    Path parent = report.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(report, markdown, StandardCharsets.UTF_8);
    if (readme.isPresent()) {
      String table = ReadmeHeadline.table(groups, ResultGroup::headlineByAnnotation, run);
      String text = Files.readString(readme.get(), StandardCharsets.UTF_8);
      if (!table.isEmpty()) {
        Files.writeString(readme.get(), ReadmeHeadline.splice(text, table), StandardCharsets.UTF_8);
      }
    }
    return "wrote "
        + report
        + " ("
        + all.size()
        + " results in "
        + groups.size()
        + " groups, "
        + charts.values().stream().mapToInt(List::size).sum()
        + " charts)";
  }

  private static Map<String, List<String>> renderCharts(
      List<ResultGroup> groups, Path report, Path imageDir) throws IOException {
    Map<String, List<ResultGroup>> byClass = new LinkedHashMap<>();
    groups.forEach(g -> byClass.computeIfAbsent(g.className(), k -> new ArrayList<>()).add(g));
    Path reportDir = report.toAbsolutePath().getParent();
    Map<String, List<String>> charts = new LinkedHashMap<>();
    for (Map.Entry<String, List<ResultGroup>> entry : byClass.entrySet()) {
      List<String> relative = new ArrayList<>();
      for (Path png : ChartRenderer.render(entry.getKey(), entry.getValue(), imageDir)) {
        relative.add(reportDir.relativize(png.toAbsolutePath()).toString().replace('\\', '/'));
      }
      charts.put(entry.getKey(), relative);
    }
    return charts;
  }

  private static Optional<Path> optionalPath(String arg) {
    return arg.equals("-") ? Optional.empty() : Optional.of(Path.of(arg));
  }

  private static Optional<String> readIfExists(Path file) throws IOException {
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }
}
