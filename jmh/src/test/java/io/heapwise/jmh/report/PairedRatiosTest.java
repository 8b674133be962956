package io.heapwise.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round-by-round ratios to the baseline and their median. */
class PairedRatiosTest {

  @TempDir Path dir;

  @Test
  void eachRoundIsComparedWithItsOwnBaseline() throws IOException {
    // The machine got twice as slow in round 2: both sides halved, the ratio did not move.
    List<List<BenchmarkResult>> rounds =
        List.of(round("10.0", "20.0", "1"), round("5.0", "10.0", "2"), round("10.0", "5.0", "3"));

    Map<String, List<Double>> ratios =
        PairedRatios.ratiosByBenchmark(rounds, ResultGroup::baselineByAnnotation);

    assertThat(ratios).containsOnlyKeys("SampleBenchmark.heapwise [thrpt, 1 thread]");
    assertThat(ratios.get("SampleBenchmark.heapwise [thrpt, 1 thread]"))
        .containsExactly(2.0, 2.0, 0.5);
  }

  @Test
  void aRoundCanBeADirectoryOfOneFilePerBenchmark() throws IOException {
    Path round = Files.createDirectory(dir.resolve("round-dir"));
    Files.writeString(
        round.resolve("heapwise.json"),
        "[" + ReportTest.result("heapwise", "thrpt", 1, "{}", "30.0", "0.1", "ops/us", "0") + "]",
        StandardCharsets.UTF_8);
    Files.writeString(
        round.resolve("plain.json"),
        "[" + ReportTest.result("plain", "thrpt", 1, "{}", "10.0", "0.1", "ops/us", "0") + "]",
        StandardCharsets.UTF_8);
    Files.writeString(round.resolve("plain.log"), "not json", StandardCharsets.UTF_8);

    List<BenchmarkResult> results = PairedRatios.readRound(round);

    assertThat(results).extracting(BenchmarkResult::method).containsExactly("heapwise", "plain");
    assertThat(PairedRatios.ratiosByBenchmark(List.of(results), ResultGroup::baselineByAnnotation))
        .containsEntry("SampleBenchmark.heapwise [thrpt, 1 thread]", List.of(3.0));
  }

  @Test
  void aRoundDirectoryWithoutResultsIsRefusedByName() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty-round"));

    assertThatThrownBy(() -> PairedRatios.readRound(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty-round")
        .hasMessageContaining("without any .json file");
  }

  @Test
  void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    assertThat(PairedRatios.median(List.of(3.0, 0.5, 2.0))).isEqualTo(2.0);
    assertThat(PairedRatios.median(List.of(4.0, 1.0, 2.0, 0.5))).isCloseTo(1.5, within(1e-12));
    assertThatThrownBy(() -> PairedRatios.median(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no values");
  }

  @Test
  void theTableShowsMedianExtremesAndEveryRound() {
    String table =
        PairedRatios.table(
            Map.of("SampleBenchmark.heapwise [thrpt, 1 thread]", List.of(0.9, 0.8, 1.2)));

    assertThat(table)
        .contains(
            "| SampleBenchmark.heapwise [thrpt, 1 thread] | 3 | 0.90x | 0.80x | 1.20x | 0.90x 0.80x 1.20x |");
  }

  private List<BenchmarkResult> round(String plain, String heapwise, String name)
      throws IOException {
    String json =
        "["
            + ReportTest.result("plain", "thrpt", 1, "{}", plain, "0.1", "ops/us", "0")
            + ","
            + ReportTest.result("heapwise", "thrpt", 1, "{}", heapwise, "0.1", "ops/us", "0")
            + "]";
    Path file = dir.resolve("round-" + name + ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return BenchmarkResult.readAll(file);
  }
}
