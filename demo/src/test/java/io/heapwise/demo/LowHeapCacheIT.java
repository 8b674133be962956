package io.heapwise.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cache issue's low-heap proof, wired to the real monitor: in a forked JVM with {@code
 * -Xmx256m}, a 1 GiB-budget cache filled by 4 threads with 64 KiB values for 30 s survives. The
 * cache caps its budget at 75% of max heap (192 MiB), and pressure eviction keeps it below what the
 * heap holds beside the writers' garbage. Lives in the demo module, the one that depends on both
 * cache and monitor.
 */
class LowHeapCacheIT {

  private static final int SECONDS = 30;

  @Test
  void aCacheWithABudgetLargerThanTheHeapSurvivesOnPressureEvictions() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xms256m",
                    "-Xmx256m",
                    "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LowHeapCacheRun.class.getName(),
                    Integer.toString(SECONDS)))
            .redirectErrorStream(true)
            .start();
    String output = readAll(process);
    assertThat(process.waitFor(SECONDS + 60, TimeUnit.SECONDS)).as(output).isTrue();

    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output).doesNotContain("OutOfMemoryError");
    assertThat(figure(output, "pressureEvictions")).as(output).isPositive();
    assertThat(figure(output, "puts")).as(output).isGreaterThan(10_000);
    assertThat(figure(output, "estimatedBytes")).as(output).isLessThan(256L << 20);
    assertThat(figure(output, "configuredBudget")).as(output).isEqualTo(192L << 20);
    assertThat(figure(output, "levelChanges")).as(output).isPositive();
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static long figure(String output, String name) {
    Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(output);
    assertThat(matcher.find()).as("%s in output:%n%s", name, output).isTrue();
    return Long.parseLong(matcher.group(1));
  }
}
