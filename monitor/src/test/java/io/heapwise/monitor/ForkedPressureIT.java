package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole monitor on a real JVM: a forked {@code -Xmx128m} JVM retains data until live heap after
 * GC passes 70% and must see ELEVATED (or CRITICAL) published, then frees it and must see NORMAL
 * return. Run under G1 (the server default) and Serial (the default on small machines).
 */
class ForkedPressureIT {

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseSerialGC"})
  void retainingPastSeventyPercentRaisesPressureAndFreeingLowersIt(String collector)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                collector,
                "-cp",
                System.getProperty("java.class.path"),
                RetainingMain.class.getName())
            .redirectErrorStream(true)
            .start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("forked JVM ended; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    List<String> levels = output.lines().filter(line -> line.startsWith("LEVEL ")).toList();
    assertThat(levels).as(output).isNotEmpty();
    assertThat(levels.get(0)).as(output).startsWith("LEVEL NORMAL->ELEVATED");
    assertThat(levels.get(levels.size() - 1)).as(output).contains("->NORMAL");
    double liveWhenRaised =
        Double.parseDouble(levels.get(0).substring(levels.get(0).indexOf('=') + 1));
    assertThat(liveWhenRaised).as(output).isGreaterThanOrEqualTo(0.70);
  }
}
