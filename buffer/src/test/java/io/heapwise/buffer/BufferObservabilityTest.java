package io.heapwise.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferObservabilityTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void mxBeanShowsTheStatsSetsTheCapacityAndGoesAwayOnClose() throws Exception {
    Properties file = new Properties();
    file.setProperty("heapwise.buffer.jmx-test.capacity", "4");
    file.setProperty("heapwise.buffer.jmx-test.overflow", "reject");
    file.setProperty("heapwise.buffer.jmx-test.jmx", "true");
    BufferConfig config =
        BufferConfig.fromSettings(Settings.from(file, new Properties()), "jmx-test");
    assertThat(config.jmx()).isTrue();
    ObjectName name = new ObjectName("io.heapwise:type=Buffer,name=jmx-test");
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(config, batch -> {}).build();
    try {
      buffer.offerBatch(List.of(1, 2, 3, 4));
      buffer.offer(5);
      buffer.drain();
      buffer.offer(6);

      assertThat(server.isRegistered(name)).isTrue();
      assertThat(server.getAttribute(name, "Name")).isEqualTo("jmx-test");
      assertThat(server.getAttribute(name, "OverflowPolicy")).isEqualTo("REJECT");
      assertThat(server.getAttribute(name, "Offered")).isEqualTo(6L);
      assertThat(server.getAttribute(name, "Accepted")).isEqualTo(5L);
      assertThat(server.getAttribute(name, "Rejected")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "Drained")).isEqualTo(4L);
      assertThat(server.getAttribute(name, "Items")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "HighWaterItems")).isEqualTo(4L);
      assertThat(server.getAttribute(name, "Capacity")).isEqualTo(4);

      server.setAttribute(name, new Attribute("Capacity", 2));
      assertThat(buffer.stats().capacity()).isEqualTo(2);
      buffer.onPressureChange(MemoryPressure.NORMAL, MemoryPressure.CRITICAL);
      assertThat(server.getAttribute(name, "Capacity")).isEqualTo(1); // half of 2
      assertThat(server.getAttribute(name, "BaseCapacity")).isEqualTo(2);
      server.invoke(name, "resetCapacity", new Object[0], new String[0]);
      assertThat(server.getAttribute(name, "Capacity")).isEqualTo(2); // half of 4, still CRITICAL
      buffer.onPressureChange(MemoryPressure.CRITICAL, MemoryPressure.NORMAL);
      assertThat(server.getAttribute(name, "Capacity")).isEqualTo(4);
      assertThatThrownBy(() -> buffer.setCapacity(5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("capacity must be in 1..4")
          .hasMessageContaining("was 5");

      assertThatThrownBy(() -> BoundedBatchBuffer.<Integer>builder(config, batch -> {}).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.heapwise:type=Buffer,name=jmx-test")
          .hasMessageContaining("already registered");
    } finally {
      buffer.close();
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void jmxIsOffByDefaultAndOddNamesAreQuoted() throws Exception {
    try (BoundedBatchBuffer<Integer> plain =
        BoundedBatchBuffer.<Integer>builder(BufferConfig.builder("no-jmx").build(), b -> {})
            .build()) {
      assertThat(server.isRegistered(new ObjectName("io.heapwise:type=Buffer,name=no-jmx")))
          .isFalse();
      assertThat(plain.config().jmx()).isFalse();
    }
    try (BoundedBatchBuffer<Integer> odd =
        BoundedBatchBuffer.<Integer>builder(BufferConfig.builder("a,b=c").build(), b -> {})
            .jmx(true)
            .build()) {
      ObjectName name = new ObjectName("io.heapwise:type=Buffer,name=" + ObjectName.quote("a,b=c"));
      assertThat(server.getAttribute(name, "Name")).isEqualTo(odd.name());
    }
  }

  @Test
  void overflowEventsAreRecordedWithTheirFigures(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("buffer.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("io.heapwise.BufferOverflow");
      recording.start();
      try (BoundedBatchBuffer<Integer> buffer =
          BoundedBatchBuffer.<Integer>builder(
                  BufferConfig.builder("jfr-test")
                      .capacity(2)
                      .overflowPolicy(OverflowPolicy.REJECT)
                      .build(),
                  batch -> {})
              .build()) {
        buffer.offerBatch(List.of(1, 2));
        buffer.offerBatch(List.of(3, 4)); // rejected: 2 items
        buffer.offer(5, OverflowPolicy.DROP_OLDEST); // drops the batch of 2
        buffer.offer(6);
        buffer.offer(7, OverflowPolicy.CALLER_RUNS); // delivers 5, 6, then runs 7 itself
      }
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("io.heapwise.BufferOverflow"))
            .collect(Collectors.toList());
    assertThat(events)
        .extracting(
            e -> e.getString("buffer"),
            e -> e.getString("policy"),
            e -> e.getLong("rejected"),
            e -> e.getLong("dropped"),
            e -> e.getLong("callerRan"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("jfr-test", "REJECT", 2L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("jfr-test", "DROP_OLDEST", 0L, 2L, 0L),
            org.assertj.core.groups.Tuple.tuple("jfr-test", "CALLER_RUNS", 0L, 0L, 1L));
    assertThat(Files.size(file)).isPositive();
    assertThat(events.get(0).getEventType().getCategoryNames())
        .containsExactly("heapwise", "buffer");
  }
}
