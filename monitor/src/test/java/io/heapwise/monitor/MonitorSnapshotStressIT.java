package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The monitor thread samples while readers take snapshots and history copies: every snapshot must
 * come from one sample (heap used and live bytes are fed equal, so a torn snapshot shows them
 * apart), sample counts never go back, and the history stays ordered and bounded.
 */
class MonitorSnapshotStressIT {

  @Test
  void snapshotsAreConsistentWhileTheMonitorSamples() throws InterruptedException {
    FedSource source = new FedSource();
    source.heapMax = 1L << 40;
    FakeClock clock = new FakeClock();
    MemoryMonitor monitor =
        new MemoryMonitor(MonitorConfig.builder().historySize(64).build(), wake -> source, clock);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Thread reader =
          new Thread(
              () -> {
                started.countDown();
                long lastSamples = 0;
                try {
                  while (!done.get()) {
                    MonitorSnapshot s = monitor.snapshot();
                    if (s.lastSample() != null) {
                      assertThat(s.lastSample().heapUsedBytes()).isEqualTo(s.liveAfterGcBytes());
                      assertThat(s.lastSample().liveAfterGcBytes()).isEqualTo(s.liveAfterGcBytes());
                    }
                    assertThat(s.samples()).isGreaterThanOrEqualTo(lastSamples);
                    lastSamples = s.samples();
                    List<MonitorSample> history = monitor.history();
                    assertThat(history).hasSizeLessThanOrEqualTo(64);
                    for (int i = 1; i < history.size(); i++) {
                      assertThat(history.get(i).nanoTime())
                          .isGreaterThan(history.get(i - 1).nanoTime());
                      assertThat(history.get(i).heapUsedBytes())
                          .isEqualTo(history.get(i).liveAfterGcBytes());
                    }
                    reads.incrementAndGet();
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              });
      readers.add(reader);
      reader.start();
    }
    started.countDown();
    started.await();
    for (long k = 1; k <= 300_000; k++) {
      source.collection(k << 10, k % 3 == 0);
      source.heapUsed = k << 10;
      clock.now += 1_000_000L;
      monitor.sampleOnce();
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(failure.get()).isNull();
    assertThat(reads.get()).isPositive();
    assertThat(monitor.snapshot().samples()).isEqualTo(300_000);
    assertThat(monitor.history()).hasSize(64);
    monitor.close();
  }
}
