package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's MXBean and its JFR leak event. */
class PoolObservabilityTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final CountingFactory factory = new CountingFactory();

  @Test
  void mxBeanShowsTheStatsAndRunsResizeAndTrimUntilThePoolCloses() throws Exception {
    ObjectName name = new ObjectName("io.heapwise:type=Pool,name=jmx-queries");
    try (ObjectPool<TestObject> pool =
        ObjectPool.create(
            PoolConfig.builder("jmx-queries").maxSize(8).prefill(4).jmx(true).build(), factory)) {
      pool.borrow().close();
      pool.borrow().close();
      assertThat(server.getAttribute(name, "Name")).isEqualTo("jmx-queries");
      assertThat(server.getAttribute(name, "Borrows")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "Hits")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "ReuseRate")).isEqualTo(1.0);
      assertThat(server.getAttribute(name, "Idle")).isEqualTo(4L);
      assertThat(server.getAttribute(name, "Pressure")).isEqualTo("NORMAL");

      server.invoke(name, "resize", new Object[] {16}, new String[] {"int"});
      assertThat(pool.stats().maxSize()).isEqualTo(16);
      Object trimmed = server.invoke(name, "trim", new Object[] {3}, new String[] {"int"});
      assertThat(trimmed).isEqualTo(3);
      assertThat(server.getAttribute(name, "Idle")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "Destroyed")).isEqualTo(3L);
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void withoutJmxNothingIsRegistered() throws Exception {
    try (ObjectPool<TestObject> pool =
        ObjectPool.create(PoolConfig.builder("no-jmx").build(), factory)) {
      assertThat(pool.config().jmx()).isFalse();
      assertThat(server.isRegistered(new ObjectName("io.heapwise:type=Pool,name=no-jmx")))
          .isFalse();
    }
  }

  @Test
  void aSecondPoolWithTheSameNameFailsAndTheFirstKeepsWorking() throws Exception {
    PoolConfig config = PoolConfig.builder("twin").maxSize(2).jmx(true).build();
    try (ObjectPool<TestObject> first = ObjectPool.create(config, factory)) {
      assertThatIllegalStateException()
          .isThrownBy(() -> ObjectPool.create(config, factory))
          .withMessageContaining("io.heapwise:type=Pool,name=twin");
      first.borrow().close();
      assertThat(server.getAttribute(new ObjectName("io.heapwise:type=Pool,name=twin"), "Borrows"))
          .isEqualTo(1L);
    }
  }

  @Test
  void aLeakIsRecordedAsAJfrEventWithTheBorrowSite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leak.jfr");
    CountDownLatch reported = new CountDownLatch(1);
    try (Recording recording = new Recording()) {
      recording.enable(PoolLeakEvent.class);
      recording.start();
      try (ObjectPool<TestObject> pool =
          ObjectPool.create(
              PoolConfig.builder("jfr-leaky")
                  .leakDetection(true)
                  .leakThreshold(Duration.ofMillis(10))
                  .build(),
              factory,
              report -> reported.countDown())) {
        Pooled<TestObject> held = pool.borrow();
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        held.close();
      }
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    assertThat(events).hasSize(1);
    RecordedEvent event = events.get(0);
    assertThat(event.getEventType().getName()).isEqualTo("io.heapwise.PoolLeak");
    assertThat(event.getString("pool")).isEqualTo("jfr-leaky");
    assertThat(event.getString("kind")).isEqualTo("HELD_TOO_LONG");
    assertThat(event.getDuration("held")).isGreaterThanOrEqualTo(Duration.ofMillis(10));
    assertThat(event.getString("borrower")).isEqualTo(Thread.currentThread().getName());
    assertThat(event.getString("borrowSite"))
        .contains("borrowed from pool jfr-leaky here")
        .contains("aLeakIsRecordedAsAJfrEventWithTheBorrowSite");
    assertThat(Files.size(file)).isPositive();
  }
}
