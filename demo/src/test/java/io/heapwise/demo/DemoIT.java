package io.heapwise.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both modes for real, 2 s each in forked JVMs: sane figures, and heapwise allocates less. */
class DemoIT {

  @TempDir Path dir;

  @Test
  void bothModesRunAndHeapwiseAllocatesLessPerRequest() throws Exception {
    Path json = dir.resolve("demo.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DemoMain demo =
        new DemoMain(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new ForkedRun(),
            false);

    int code = demo.run("--duration", "2s", "--json", json.toString());

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    String text = Files.readString(json);
    String plain = section(text, "plain");
    String heapwise = section(text, "heapwise");
    assertThat(plain).as(text).doesNotContain("failure");
    assertThat(heapwise).as(text).doesNotContain("failure");
    for (String run : new String[] {plain, heapwise}) {
      assertThat(number(run, "requests")).isBetween(1_000.0, 2_100.0); // 1000/s for 2 s
      assertThat(number(run, "allocation_rate")).isPositive();
      assertThat(number(run, "latency_p99_micros")).isPositive();
      assertThat(number(run, "service_mean_micros")).isPositive();
      assertThat(number(run, "service_p99_micros")).isPositive();
      assertThat(number(run, "store_entries")).isPositive();
      assertThat(number(run, "sink_items")).isPositive();
    }
    assertThat(number(heapwise, "pool_reuse_percent")).isGreaterThan(90);
    double unaccounted =
        number(heapwise, "buffer_accepted")
            - number(heapwise, "sink_items")
            - number(heapwise, "results_pending");
    assertThat(unaccounted)
        .as("accepted results are written or still buffered, but for a batch or two in the sink")
        .isBetween(0.0, 512.0);
    assertThat(number(heapwise, "monitor_samples")).isPositive();
    assertThat(number(heapwise, "bytes_per_request"))
        .as("heapwise allocates fewer bytes per request than plain")
        .isLessThan(number(plain, "bytes_per_request"));
  }

  private static String section(String json, String name) {
    int start = json.indexOf("\"" + name + "\": {");
    assertThat(start).as("section " + name + " in " + json).isNotNegative();
    return json.substring(start, json.indexOf('}', start));
  }

  private static double number(String section, String key) {
    Matcher matcher = Pattern.compile("\"" + key + "\": (-?[0-9.]+)").matcher(section);
    assertThat(matcher.find()).as(key + " in " + section).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
