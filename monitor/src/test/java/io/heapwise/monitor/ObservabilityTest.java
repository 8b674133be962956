package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Enabled;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's MXBean through the platform MBean server, and its JFR events read back. */
class ObservabilityTest {

  private static final long MAX = 1_000_000_000L;

  private final FedSource source = new FedSource();
  private final FakeClock clock = new FakeClock();

  private MemoryMonitor monitor(MonitorConfig config) {
    source.heapMax = MAX;
    return new MemoryMonitor(config, wake -> source, clock);
  }

  @Test
  void theMxBeanShowsTheSnapshotAndIsUnregisteredOnClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.heapwise:type=Monitor");
    MemoryMonitor monitor = monitor(MonitorConfig.builder().jmx(true).build());
    try {
      source.collection(750_000_000L, true);
      source.heapUsed = 800_000_000L;
      clock.advance(Duration.ofSeconds(5));
      monitor.sampleOnce();
      assertThat(server.isRegistered(name)).isTrue();
      assertThat(server.getAttribute(name, "Pressure")).isEqualTo("ELEVATED");
      assertThat(server.getAttribute(name, "Samples")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "LevelChanges")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "LiveAfterGcBytes")).isEqualTo(750_000_000L);
      assertThat((Double) server.getAttribute(name, "LiveAfterGcRatio")).isEqualTo(0.75);
      assertThat(server.getAttribute(name, "HeapUsedBytes")).isEqualTo(800_000_000L);
      assertThat(server.getAttribute(name, "HeapMaxBytes")).isEqualTo(MAX);
      assertThat(server.getAttribute(name, "IntervalMillis")).isEqualTo(5_000L);
      assertThat(server.getAttribute(name, "LeakSuspected")).isEqualTo(false);
      assertThat((Double) server.getAttribute(name, "WindowMean")).isEqualTo(0.8);
      assertThat(server.invoke(name, "sampleNow", new Object[0], new String[0])).isNull();

      assertThatThrownBy(() -> monitor(MonitorConfig.builder().jmx(true).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.heapwise:type=Monitor");
      assertThat(server.isRegistered(name)).as("the first stays registered").isTrue();
      assertThat(source.closes).as("the failed monitor closed its source").isEqualTo(1);
    } finally {
      monitor.close();
    }
    assertThat(server.isRegistered(name)).isFalse();
    monitor(MonitorConfig.defaults()).close(); // jmx off by default: nothing registered
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void jmxIsReadFromTheSection() {
    Properties on = new Properties();
    on.setProperty("heapwise.monitor.jmx", "true");
    assertThat(MonitorConfig.fromSettings(Settings.from(on, new Properties())).jmx()).isTrue();
    assertThat(MonitorConfig.defaults().jmx()).isFalse();
  }

  @Test
  void pressureChangesAndSamplesAreRecordedByJfr(@TempDir Path dir) throws Exception {
    MemoryMonitor monitor = monitor(MonitorConfig.defaults());
    Path file = dir.resolve("monitor.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("io.heapwise.PressureChanged");
      recording.enable("io.heapwise.MonitorSample");
      recording.start();
      source.collection(900_000_000L, true);
      source.heapUsed = 950_000_000L;
      clock.advance(Duration.ofSeconds(5));
      monitor.sampleOnce();
      clock.advance(Duration.ofSeconds(5));
      monitor.sampleOnce();
      recording.stop();
      recording.dump(file);
    } finally {
      monitor.close();
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    List<RecordedEvent> changes =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.heapwise.PressureChanged"))
            .toList();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).getString("previous")).isEqualTo("NORMAL");
    assertThat(changes.get(0).getString("current")).isEqualTo("CRITICAL");
    assertThat(changes.get(0).getDouble("liveAfterGcRatio")).isEqualTo(0.9);
    assertThat(changes.get(0).getDouble("gcOverhead")).isZero();
    assertThat(changes.get(0).getEventType().getCategoryNames())
        .containsExactly("heapwise", "monitor");
    List<RecordedEvent> samples =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.heapwise.MonitorSample"))
            .toList();
    assertThat(samples).hasSize(2);
    assertThat(samples.get(0).getLong("heapUsed")).isEqualTo(950_000_000L);
    assertThat(samples.get(0).getDouble("liveAfterGcRatio")).isEqualTo(0.9);
    assertThat(samples.get(0).getDuration("interval")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  void theSampleEventIsOffByDefault() {
    assertThat(MonitorSampleEvent.class.getAnnotation(Enabled.class).value()).isFalse();
  }
}
