package io.heapwise.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orchestration, options, table and JSON, with a fake runner instead of forked JVMs. */
class DemoMainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<RunPlan> plans = new ArrayList<>();

  private DemoMain demo(Map<Mode, RunFigures> results) {
    ModeRunner fake =
        (plan, progress) -> {
          plans.add(plan);
          progress.update(plan.durationMillis(), 10);
          return results.get(plan.mode());
        };
    return new DemoMain(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        fake,
        false);
  }

  private static RunFigures figures(Mode mode, double requests, double bytesPerRequest) {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.REQUESTS, requests);
    values.put(Metric.BYTES_PER_REQUEST, bytesPerRequest);
    return RunFigures.completed(mode, values);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsPlainThenHeapwiseWithTheSameHeapAndPrintsTheTable() throws Exception {
    Path json = dir.resolve("out.json");
    int code =
        demo(Map.of(
                Mode.PLAIN,
                figures(Mode.PLAIN, 1000, 5000),
                Mode.HEAPWISE,
                figures(Mode.HEAPWISE, 1000, 2500)))
            .run("--duration", "3s", "--json", json.toString());

    assertThat(code).isZero();
    assertThat(plans).extracting(RunPlan::mode).containsExactly(Mode.PLAIN, Mode.HEAPWISE);
    assertThat(plans).extracting(RunPlan::heap).containsOnly("256m");
    assertThat(plans).extracting(RunPlan::durationMillis).containsOnly(3000L);
    assertThat(plans.get(0).commandLine().getProperty("demo.duration")).isEqualTo("3s");
    assertThat(output())
        .contains("3 s each, 1000 requests/s")
        .contains("allocated bytes per request")
        .contains("-50.0%");
    String written = Files.readString(json);
    assertThat(written)
        .contains("\"plain\": {")
        .contains("\"bytes_per_request\": 5000")
        .contains("\"bytes_per_request\": -50")
        .contains("\"heap\": \"256m\"");
  }

  @Test
  void squeezeUsesTheSmallHeapFlatOutAndReportsAFailedRun() {
    RunFigures oom =
        RunFigures.failed(
            Mode.PLAIN, Map.of(Metric.REQUESTS, 42.0), "OutOfMemoryError: Java heap space");
    int code =
        demo(Map.of(Mode.PLAIN, oom, Mode.HEAPWISE, figures(Mode.HEAPWISE, 99, 10)))
            .run("--squeeze");

    assertThat(code).isZero();
    assertThat(plans).extracting(RunPlan::heap).containsOnly("96m");
    assertThat(plans).allMatch(RunPlan::squeeze);
    assertThat(plans.get(0).commandLine().getProperty("demo.max-rate")).isEqualTo("true");
    assertThat(output())
        .contains("flat out")
        .contains("SQUEEZED")
        .contains("plain: FAILED: OutOfMemoryError")
        .contains("plain run failed: OutOfMemoryError: Java heap space");
  }

  @Test
  void badKeyInConfigFileFailsAtStartNamingIt() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "demo.rat = 5\nheapwise.pool.queries.max-size = -1\n");
    int code = demo(Map.of()).run("--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(plans).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo.rat").contains("rate");
  }

  @Test
  void badHeapwiseValueFailsAtStartNamingIt() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "heapwise.pool.queries.max-size = -1\n");
    assertThat(demo(Map.of()).run("--config", config.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("heapwise.pool.queries.max-size");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThat(demo(Map.of()).run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown argument '--frobnicate'")
        .contains("usage:");
    assertThatThrownBy(() -> DemoOptions.parse("--json"))
        .hasMessageContaining("--json needs a value");
    assertThat(demo(Map.of()).run("--help")).isZero();
    assertThat(output()).contains("--squeeze");
  }

  @Test
  void tableShowsAbsentFiguresAsDashesAndSkipsEmptyRows() {
    Map<Metric, Double> heapwise = new EnumMap<>(Metric.class);
    heapwise.put(Metric.REQUESTS, 10.0);
    heapwise.put(Metric.POOL_REUSE_PERCENT, 99.5);
    String table =
        ComparisonTable.render(
            figures(Mode.PLAIN, 20, 100), RunFigures.completed(Mode.HEAPWISE, heapwise));

    assertThat(table).contains("requests served").contains("-50.0%");
    assertThat(table).containsPattern("pool reuse rate \\(%\\)\\s+—\\s+99.5\\s+—");
    assertThat(table).doesNotContain("GC count");
  }

  @Test
  void figuresRoundTripThroughTheirFileFormat() throws Exception {
    RunFigures original =
        RunFigures.failed(
            Mode.HEAPWISE, Map.of(Metric.GC_COUNT, 3.0, Metric.ALLOCATION_RATE, 1.5), "why\nnot");
    StringWriter text = new StringWriter();
    original.write(text);
    RunFigures read = RunFigures.read(new StringReader(text.toString()));

    assertThat(read.mode()).isEqualTo(Mode.HEAPWISE);
    assertThat(read.values()).isEqualTo(original.values());
    assertThat(read.failure()).contains("why\nnot");
    assertThatThrownBy(() -> RunFigures.read(new StringReader("x=1")))
        .hasMessageContaining("'mode'");
  }

  @Test
  void jsonEscapesText() {
    assertThat(JsonReport.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  @Test
  void progressBarPrintsQuartersInALog() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "plain", 1000, false);
    for (int ms = 0; ms <= 1000; ms += 100) {
      bar.update(ms, ms);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(5); // 0%, 25%, 50%, 75%, 100%
    assertThat(text).contains("100%").contains("1,000 requests");
  }

  @Test
  void failureDescriptionNamesOutOfMemory() {
    assertThat(
            ForkedRun.describeFailure(
                3, List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space")))
        .isEqualTo("OutOfMemoryError: Java heap space");
    assertThat(ForkedRun.describeFailure(3, List.of())).contains("OutOfMemoryError");
    assertThat(ForkedRun.describeFailure(1, List.of("boom"))).isEqualTo("exited with code 1: boom");
  }
}
