package io.heapwise.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path from a JMH JSON file to the markdown report, the charts and the README. */
class ReportTest {

  @TempDir Path dir;

  private static final String CLASS = SampleBenchmark.class.getName();

  @Test
  void readsResultsWithAndWithoutGcProfiler() throws IOException {
    List<BenchmarkResult> results = BenchmarkResult.readAll(write(sampleJson()));

    assertThat(results).hasSize(5);
    BenchmarkResult first = results.get(0);
    assertThat(first.className()).isEqualTo(CLASS);
    assertThat(first.method()).isEqualTo("heapwise");
    assertThat(first.params()).containsExactly(Map.entry("size", "128"));
    assertThat(first.score()).isEqualTo(20.0);
    assertThat(first.error()).isEqualTo(1.5);
    assertThat(first.allocBytesPerOp()).isEqualTo(0.01);
    assertThat(first.jdk()).contains("17.0.15");
    assertThat(results.get(4).allocBytesPerOp()).isNaN();
    assertThat(results.get(4).error()).isNaN();
  }

  @Test
  void groupsByParamsAndThreadsAndComputesRatiosAgainstTheBaseline() throws IOException {
    List<ResultGroup> groups =
        ResultGroup.of(
            BenchmarkResult.readAll(write(sampleJson())), ResultGroup::baselineByAnnotation);

    assertThat(groups)
        .extracting(ResultGroup::label)
        .containsExactly(
            "thrpt, 1 thread, size=128", "thrpt, 2 threads, size=128", "avgt, 1 thread");
    ResultGroup first = groups.get(0);
    BenchmarkResult heapwise = first.results().get(1);
    assertThat(first.isBaseline(first.results().get(0))).as("baseline first").isTrue();
    assertThat(first.speedRatio(heapwise)).isCloseTo(2.0, within(1e-9));
    assertThat(first.allocRatio(heapwise)).isCloseTo(0.01 / 400, within(1e-12));
    // avgt: lower is better, so half the time is twice the speed
    ResultGroup avgt = groups.get(2);
    assertThat(avgt.speedRatio(avgt.results().get(1))).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void groupResultIsScoredByItsGroupScoreMemberWithAllocationPerMemberOperation()
      throws IOException {
    String hand = SampleHandOffBenchmark.class.getName();
    String members =
        "\"queueOffer\": {\"score\": 30.0, \"scoreError\": 3.0},"
            + " \"queueDrain\": {\"score\": 90.0, \"scoreError\": 9.0},"
            + " \"gc.count\": {\"score\": 4.0, \"scoreError\": \"NaN\"}";
    String json =
        "["
            + groupResult(hand, "queue", "thrpt", "120.0", members, "10.0")
            + ","
            + groupResult(
                hand,
                "queue",
                "avgt",
                "7.5",
                "\"queueOffer\": {\"score\": 10.0, \"scoreError\": 1.0},"
                    + " \"queueDrain\": {\"score\": 5.0, \"scoreError\": 0.5}",
                "6.0")
            + ","
            + groupResult(
                hand,
                "unscored",
                "thrpt",
                "50.0",
                "\"unscoredOffer\": {\"score\": 20.0, \"scoreError\": 1.0},"
                    + " \"unscoredDrain\": {\"score\": 30.0, \"scoreError\": 1.0}",
                "1.0")
            + "]";
    List<BenchmarkResult> read = BenchmarkResult.readAll(write(json));
    assertThat(read.get(0).members()).containsOnlyKeys("queueOffer", "queueDrain");

    List<BenchmarkResult> scored = read.stream().map(ResultGroup::scoredByAnnotation).toList();

    // thrpt: the offers are 30 of the 120 operations per us, so they carry all 10 B x 120 / 30.
    assertThat(scored.get(0).scoredMember()).isEqualTo("queueOffer");
    assertThat(scored.get(0).score()).isEqualTo(30.0);
    assertThat(scored.get(0).error()).isEqualTo(3.0);
    assertThat(scored.get(0).allocBytesPerOp()).isCloseTo(40.0, within(1e-9));
    // avgt: 2 offer threads at 10 ns and 1 drain thread at 5 ns do equal numbers of operations.
    assertThat(scored.get(1).score()).isEqualTo(10.0);
    assertThat(scored.get(1).allocBytesPerOp()).isCloseTo(12.0, within(1e-9));
    // no member marked: JMH's own group score stays
    assertThat(scored.get(2).scoredMember()).isEmpty();
    assertThat(scored.get(2).score()).isEqualTo(50.0);
    // and the report says which member a row shows
    String markdown =
        MarkdownReport.render(
            RunInfo.ofThisMachine("cmd", scored),
            ResultGroup.of(scored, c -> Optional.empty()),
            "",
            c -> List.of());
    assertThat(markdown)
        .contains("| queue (queueOffer) | 30.0 | ± 3.00 |")
        .contains("| unscored |");
  }

  @Test
  void scoringByAMemberTheResultLacksNamesIt() throws IOException {
    BenchmarkResult result =
        BenchmarkResult.readAll(
                write(
                    "["
                        + groupResult(
                            CLASS,
                            "g",
                            "thrpt",
                            "1.0",
                            "\"a\": {\"score\": 1.0, \"scoreError\": 0.1}",
                            "0")
                        + "]"))
            .get(0);

    assertThatThrownBy(() -> result.scoredBy("b", Map.of("a", 1, "b", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("g: no score for group member b, only for [a]");
  }

  @Test
  void groupWithoutBaselineHasNoRatios() throws IOException {
    List<ResultGroup> groups =
        ResultGroup.of(BenchmarkResult.readAll(write(sampleJson())), c -> Optional.empty());

    assertThat(groups.get(0).speedRatio(groups.get(0).results().get(0))).isNaN();
    assertThat(groups.get(0).baseline()).isEmpty();
  }

  @Test
  void rendersReportChartsAndReadmeHeadlineKeepingNotes() throws IOException {
    Path results = write(sampleJson());
    Path report = dir.resolve("docs/benchmarks.md");
    Files.createDirectories(report.getParent());
    Files.writeString(
        report,
        "old\n"
            + MarkdownReport.NOTES_START
            + "\nMy notes.\n"
            + MarkdownReport.NOTES_END
            + "\nold");
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        "# intro\n" + ReadmeHeadline.START + "\nstale\n" + ReadmeHeadline.END + "\n# rest\n");

    String summary =
        ReportMain.render(
            results, report, dir.resolve("docs/img"), Optional.of(readme), "run.sh quick");

    String markdown = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(summary).contains("5 results in 3 groups");
    assertThat(markdown)
        .contains("| command | `run.sh quick` |")
        .contains("My notes.")
        .doesNotContain("old\n")
        .contains("### thrpt, 2 threads, size=128")
        .contains(
            "| plain *(baseline)* | 10.0 | ± 0.500 | ops/us | 400 | 1.00x | 1.00x |\n"
                + "| heapwise | 20.0 | ± 1.50 | ops/us | 0.01 | 2.00x | <0.01x |")
        .contains("![SampleBenchmark](img/SampleBenchmark-score.png)");
    assertThat(dir.resolve("docs/img/SampleBenchmark-score.png")).isNotEmptyFile();
    assertThat(dir.resolve("docs/img/SampleBenchmark-alloc.png")).isNotEmptyFile();
    assertThat(Files.readAllBytes(dir.resolve("docs/img/SampleBenchmark-alloc.png")))
        .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    String newReadme = Files.readString(readme, StandardCharsets.UTF_8);
    assertThat(newReadme)
        .startsWith("# intro\n" + ReadmeHeadline.START + "\n| measures |")
        .contains("| sample (thrpt, 1 thread, size=128) | heapwise | 20.0 ops/us | 0.01 | 2.00x |")
        .doesNotContain("stale")
        .endsWith(ReadmeHeadline.END + "\n# rest\n");
  }

  @Test
  void readmeWithoutMarkersIsAClearError() {
    assertThatThrownBy(() -> ReadmeHeadline.splice("# no markers", "table"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ReadmeHeadline.START);
  }

  @Test
  void notAResultFileIsAClearError() throws IOException {
    Path file = write("{\"not\": \"an array\"}");
    assertThatThrownBy(() -> BenchmarkResult.readAll(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("-rf json");
    Path empty = write("[]");
    assertThatThrownBy(
            () -> ReportMain.render(empty, dir.resolve("r.md"), dir, Optional.empty(), "c"))
        .hasMessageContaining("holds no results");
  }

  @Test
  void numbersAreReadable() {
    assertThat(Numbers.score(1234567.8)).isEqualTo("1,234,568");
    assertThat(Numbers.score(12.34)).isEqualTo("12.3");
    assertThat(Numbers.score(0.01234)).isEqualTo("0.012");
    assertThat(Numbers.bytes(0.004)).isEqualTo("0.00");
    assertThat(Numbers.bytes(4551.1)).isEqualTo("4,551");
    assertThat(Numbers.ratio(Double.NaN)).isEqualTo("—");
    assertThat(Numbers.ratio(2.416)).isEqualTo("2.42x");
    assertThat(Numbers.ratio(0.001)).isEqualTo("<0.01x");
    assertThat(Numbers.ratio(0)).isEqualTo("0x");
  }

  @Test
  void cpuModelComesFromCpuinfoOrFallsBack() throws IOException {
    Path cpuinfo = write("processor : 0\nmodel name\t: Test CPU 9000\n");
    assertThat(RunInfo.cpuModel(cpuinfo)).isEqualTo("Test CPU 9000");
    assertThat(RunInfo.cpuModel(dir.resolve("missing"))).contains("model unknown");
    RunInfo run = new RunInfo(LocalDate.of(2026, 11, 22), "c", "17", List.of(), "x", 2);
    assertThat(run.cores()).isEqualTo(2);
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "results", ".json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String sampleJson() {
    return "["
        + result("heapwise", "thrpt", 1, "{\"size\":\"128\"}", "20.0", "1.5", "ops/us", "0.01")
        + ","
        + result("plain", "thrpt", 1, "{\"size\":\"128\"}", "10.0", "0.5", "ops/us", "400")
        + ","
        + result("heapwise", "thrpt", 2, "{\"size\":\"128\"}", "30.0", "1.0", "ops/us", "0.02")
        + ","
        + result("heapwise", "avgt", 1, "{}", "5.0", "0.1", "ns/op", "0")
        + ","
        + result("plain", "avgt", 1, "{}", "10.0", "\"NaN\"", "ns/op", null)
        + "]";
  }

  private static String groupResult(
      String className, String group, String mode, String score, String members, String alloc) {
    return "{\"benchmark\":\""
        + className
        + "."
        + group
        + "\",\"mode\":\""
        + mode
        + "\",\"threads\":3,\"jvmArgs\":[],\"jdkVersion\":\"17\",\"vmName\":\"VM\","
        + "\"vmVersion\":\"17\",\"params\":{},\"primaryMetric\":{\"score\":"
        + score
        + ",\"scoreError\":1.0,\"scoreUnit\":\"ops/us\"},\"secondaryMetrics\":{"
        + members
        + ", \"gc.alloc.rate.norm\": {\"score\": "
        + alloc
        + ", \"scoreError\": 0.0}}}";
  }

  static String result(
      String method,
      String mode,
      int threads,
      String params,
      String score,
      String error,
      String unit,
      String alloc) {
    String secondary =
        alloc == null
            ? "{}"
            : "{\"gc.alloc.rate.norm\": {\"score\": " + alloc + ", \"scoreUnit\": \"B/op\"}}";
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\""
        + CLASS
        + "."
        + method
        + "\",\"mode\":\""
        + mode
        + "\",\"threads\":"
        + threads
        + ",\"forks\":1,\"jvmArgs\":[\"-Xmx1g\"],"
        + "\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\","
        + "\"params\":"
        + params
        + ",\"primaryMetric\":{\"score\":"
        + score
        + ",\"scoreError\":"
        + error
        + ",\"scoreUnit\":\""
        + unit
        + "\"},\"secondaryMetrics\":"
        + secondary
        + "}";
  }
}
