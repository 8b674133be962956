package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's MXBean through the platform MBean server, and its JFR event read back. */
class CacheObservabilityTest {

  private static final long PER_ENTRY =
      MemoryAwareCache.ENTRY_OVERHEAD_BYTES + 24 + Sizers.align(16 + 1000);

  private static MemoryAwareCache<Long, byte[]> filled(String name, boolean jmx) {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder(name)
                .maxBytes(PER_ENTRY * 100)
                .recoveryInterval(Duration.ZERO)
                .recordStats(true)
                .jmx(jmx)
                .build(),
            Sizers.boxed(),
            Sizers.byteArray());
    for (long key = 0; key < 100; key++) {
      cache.put(key, new byte[1000]);
    }
    cache.cleanUp();
    return cache;
  }

  @Test
  void mxBeanExposesStatsAndBudgetOperationsAndIsUnregisteredOnClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.heapwise:type=Cache,name=jmx-test");
    MemoryAwareCache<Long, byte[]> cache = filled("jmx-test", true);
    try {
      cache.getIfPresent(1L);
      cache.getIfPresent(1_000L);
      assertThat(server.isRegistered(name)).isTrue();
      assertThat(server.getAttribute(name, "Name")).isEqualTo("jmx-test");
      assertThat(server.getAttribute(name, "RecordingStats")).isEqualTo(true);
      assertThat(server.getAttribute(name, "Hits")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "Misses")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "HitRate")).isEqualTo(0.5);
      assertThat(server.getAttribute(name, "Puts")).isEqualTo(100L);
      assertThat(server.getAttribute(name, "Entries")).isEqualTo(100L);
      assertThat(server.getAttribute(name, "EstimatedBytes")).isEqualTo(PER_ENTRY * 100);
      assertThat(server.getAttribute(name, "ConfiguredBudget")).isEqualTo(PER_ENTRY * 100);

      server.invoke(name, "updateBudget", new Object[] {PER_ENTRY * 40}, new String[] {"long"});
      assertThat(server.getAttribute(name, "CurrentBudget")).isEqualTo(PER_ENTRY * 40);
      assertThat(server.getAttribute(name, "Entries")).isEqualTo(40L);
      assertThat(server.getAttribute(name, "SizeEvictions")).isEqualTo(60L);
      assertThat(server.getAttribute(name, "SizeEvictedBytes")).isEqualTo(PER_ENTRY * 60);
      assertThat(server.getAttribute(name, "PressureEvictions")).isEqualTo(0L);
      cache.onPressureSample(MemoryPressure.CRITICAL);
      assertThat(server.getAttribute(name, "PressureEvictions")).isEqualTo(20L);
      assertThat(server.getAttribute(name, "PressureEvictedBytes")).isEqualTo(PER_ENTRY * 20);
      server.invoke(name, "resetBudget", new Object[0], new String[0]);
      assertThat(cache.budget()).isEqualTo(PER_ENTRY * 100);

      assertThatThrownBy(() -> filled("jmx-test", true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.heapwise:type=Cache,name=jmx-test")
          .hasMessageContaining("already registered");
      assertThatThrownBy(() -> cache.setBudget(-1))
          .hasMessageContaining(
              "budget must be between 0 and the configured budget (" + PER_ENTRY * 100)
          .hasMessageContaining("was -1");
    } finally {
      cache.close();
    }
    assertThat(server.isRegistered(name)).isFalse();
    cache.close(); // idempotent
    try (MemoryAwareCache<Long, byte[]> again = filled("jmx-test", true)) {
      assertThat(server.isRegistered(name)).as("the name is free again").isTrue();
      assertThat(again.config().jmx()).isTrue();
    }
    try (MemoryAwareCache<Long, byte[]> off = filled("jmx-off", false)) {
      assertThat(server.isRegistered(MemoryAwareCache.objectName("jmx-off"))).isFalse();
      assertThat(off.config().jmx()).isFalse();
    }
    assertThat(MemoryAwareCache.objectName("a,b=c").toString())
        .isEqualTo("io.heapwise:type=Cache,name=\"a,b=c\"");
  }

  @Test
  void mxBeanSaysWhenACacheDoesNotRecordStats() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.heapwise:type=Cache,name=jmx-quiet");
    try (MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("jmx-quiet").maxBytes(1 << 20).jmx(true).build(),
            Sizers.boxed(),
            Sizers.byteArray())) {
      cache.put(1L, new byte[10]);
      assertThat(cache.getIfPresent(1L)).hasSize(10);
      assertThat(server.getAttribute(name, "RecordingStats")).isEqualTo(false);
      assertThat(server.getAttribute(name, "Hits")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "Puts")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "Entries")).isEqualTo(1L);
    }
  }

  @Test
  void jmxKeyIsReadFromSettings() {
    Properties properties = new Properties();
    properties.setProperty("heapwise.cache.j.jmx", "true");
    assertThat(CacheConfig.fromSettings(Settings.from(properties, new Properties()), "j").jmx())
        .isTrue();
    assertThat(CacheConfig.builder("k").build().jmx()).isFalse();
  }

  @Test
  void eachPressureStepIsRecordedAsAJfrEvent(@TempDir Path dir) throws Exception {
    MemoryAwareCache<Long, byte[]> cache = filled("jfr-test", false);
    Path file = dir.resolve("cache.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("io.heapwise.CachePressureEviction");
      recording.start();
      cache.onPressureSample(MemoryPressure.ELEVATED);
      cache.onPressureSample(MemoryPressure.CRITICAL);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("io.heapwise.CachePressureEviction"))
            .toList();
    assertThat(events).hasSize(2);
    RecordedEvent elevated = events.get(0);
    assertThat(elevated.getString("cacheName")).isEqualTo("jfr-test");
    assertThat(elevated.getString("pressureLevel")).isEqualTo("ELEVATED");
    assertThat(elevated.getLong("entriesEvicted")).isEqualTo(20);
    assertThat(elevated.getLong("bytesEvicted")).isEqualTo(PER_ENTRY * 20);
    assertThat(elevated.getLong("budgetBefore")).isEqualTo(PER_ENTRY * 100);
    assertThat(elevated.getLong("budgetAfter")).isEqualTo(PER_ENTRY * 80);
    assertThat(elevated.getEventType().getCategoryNames()).containsExactly("heapwise", "cache");
    RecordedEvent critical = events.get(1);
    assertThat(critical.getString("pressureLevel")).isEqualTo("CRITICAL");
    assertThat(critical.getLong("entriesEvicted")).isEqualTo(40);
    assertThat(critical.getLong("budgetAfter")).isEqualTo(PER_ENTRY * 40);
    assertThat(Files.size(file)).isPositive();
  }
}
