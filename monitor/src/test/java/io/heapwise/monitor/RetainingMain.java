package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a forked small-heap JVM by {@link ForkedPressureIT}: retains 64 KiB arrays (under G1's
 * humongous size) until the monitor publishes a level above NORMAL, then frees them and waits for
 * NORMAL to return. Prints one line per level change and per phase; exits 0 on success, 2 if a
 * phase timed out.
 */
public final class RetainingMain {

  private RetainingMain() {}

  /**
   * Runs the scenario.
   *
   * @param args none
   * @throws InterruptedException if interrupted while waiting
   */
  public static void main(String[] args) throws InterruptedException {
    MonitorConfig config =
        MonitorConfig.builder()
            .intervals(Duration.ofMillis(100), Duration.ofSeconds(1))
            // The scenario forces collections itself (System.gc() every few MiB), which on two
            // shared cores can be 10-30% of wall time: keep GC overhead out of this test of the
            // live-after-GC path.
            .gcOverheads(0.90, 0.95)
            .build();
    long max = Runtime.getRuntime().maxMemory();
    try (MemoryMonitor monitor = MemoryMonitor.start(config)) {
      monitor.subscribe(
          (previous, current) ->
              System.out.println(
                  "LEVEL "
                      + previous
                      + "->"
                      + current
                      + " live-after-gc="
                      + monitor.snapshot().liveAfterGcRatio()));
      List<byte[]> retained = new ArrayList<>();
      long retainedBytes = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (monitor.currentPressure() == MemoryPressure.NORMAL && System.nanoTime() < deadline) {
        if (retainedBytes < max * 0.80) {
          for (int i = 0; i < 16; i++) {
            retained.add(new byte[64 << 10]);
          }
          retainedBytes += 1 << 20;
        }
        if ((retainedBytes >> 20) % 4 == 0) {
          System.gc(); // a collection reports the live heap; the monitor samples at once
          Thread.sleep(20);
        }
      }
      System.out.println(
          "RETAINED "
              + retained.size()
              + " chunks, "
              + retainedBytes
              + " of "
              + max
              + " level "
              + monitor.currentPressure()
              + " live-after-gc "
              + monitor.snapshot().liveAfterGcRatio());
      if (monitor.currentPressure() == MemoryPressure.NORMAL) {
        System.exit(2);
      }
      retained.clear();
      deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (monitor.currentPressure() != MemoryPressure.NORMAL && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(500);
      }
      System.out.println(
          "FREED level "
              + monitor.currentPressure()
              + " live-after-gc "
              + monitor.snapshot().liveAfterGcRatio()
              + " changes "
              + monitor.snapshot().levelChanges());
      System.exit(monitor.currentPressure() == MemoryPressure.NORMAL ? 0 : 2);
    }
  }
}
