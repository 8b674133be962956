package io.heapwise.demo;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the JVM the way the demo's table reports it, identically in both modes: bytes allocated
 * by all threads, GC count and time, and the peak heap left after a collection (the live set plus
 * whatever the collector chose not to clean, never the between-collections "used" figure).
 */
final class HeapWatcher implements AutoCloseable {

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final NotificationListener listener = this::onGc;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final long startAllocated;
  private final long startGcCount;
  private final long startGcMillis;

  HeapWatcher() {
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    startAllocated = threads.getTotalThreadAllocatedBytes();
    startGcCount = gcCount();
    startGcMillis = gcMillis();
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (isHeapPool(pool.getKey())) {
        after += pool.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  private static boolean isHeapPool(String name) {
    // Non-heap pools (Metaspace, code cache) are reported too; only heap pools count here.
    return !(name.contains("Metaspace") || name.contains("Code") || name.contains("Class"));
  }

  long allocatedBytes() {
    return threads.getTotalThreadAllocatedBytes() - startAllocated;
  }

  long gcCountSinceStart() {
    return gcCount() - startGcCount;
  }

  long gcMillisSinceStart() {
    return gcMillis() - startGcMillis;
  }

  long peakHeapAfterGcBytes() {
    return peakAfterGc.get();
  }

  /** Heap in use right after full collections, for measuring what a structure retains. */
  static long usedAfterFullGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private long gcCount() {
    long count = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      count += Math.max(0, collector.getCollectionCount());
    }
    return count;
  }

  private long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      millis += Math.max(0, collector.getCollectionTime());
    }
    return millis;
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone: nothing to undo
      }
    }
  }
}
