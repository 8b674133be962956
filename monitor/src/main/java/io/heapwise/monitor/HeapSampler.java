package io.heapwise.monitor;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Reads the JVM's memory figures without allocating: heap used/committed/max from {@link Runtime},
 * GC count and time from the collectors' MXBeans (looked up once), bytes allocated by all threads
 * where the JVM can tell, and the live heap after each collection from GC notifications. The
 * notification listener runs on the JMX notification thread and only records the figure and calls
 * {@code onCollection}; all other work is the monitor thread's.
 */
final class HeapSampler implements AutoCloseable {

  private final Runtime runtime = Runtime.getRuntime();
  private final GarbageCollectorMXBean[] collectors;
  private final com.sun.management.ThreadMXBean allocationBean;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private final Runnable onCollection;
  private volatile long liveAfterGcBytes = -1;

  // The last sample, read by the monitor thread only.
  long heapUsed;
  long heapCommitted;
  long heapMax;
  long gcCount;
  long gcMillis;
  long allocatedBytes;
  long nanoTime;

  HeapSampler(Runnable onCollection) {
    this.onCollection = onCollection;
    this.collectors =
        ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
    this.allocationBean = allocationBean(ManagementFactory.getThreadMXBean());
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private static com.sun.management.ThreadMXBean allocationBean(ThreadMXBean bean) {
    if (bean instanceof com.sun.management.ThreadMXBean extended
        && extended.isThreadAllocatedMemorySupported()
        && extended.isThreadAllocatedMemoryEnabled()) {
      return extended;
    }
    return null; // this JVM cannot tell: the allocation rate is reported as unknown (-1)
  }

  /** Whether {@link #allocatedBytes} is meaningful on this JVM. */
  boolean knowsAllocation() {
    return allocationBean != null;
  }

  /** Reads every figure into this sampler's fields. Allocation-free. */
  void sample() {
    nanoTime = System.nanoTime();
    heapMax = runtime.maxMemory();
    heapCommitted = runtime.totalMemory();
    heapUsed = heapCommitted - runtime.freeMemory();
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      count += Math.max(0, collector.getCollectionCount());
      millis += Math.max(0, collector.getCollectionTime());
    }
    gcCount = count;
    gcMillis = millis;
    allocatedBytes = allocationBean == null ? -1 : allocationBean.getTotalThreadAllocatedBytes();
  }

  /**
   * The heap in use right after the last collection (old generation where there is one); -1 before
   * the first.
   */
  long liveAfterGcBytes() {
    return liveAfterGcBytes;
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long old = -1;
    long heap = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      String name = pool.getKey();
      if (name.contains("Old Gen") || name.contains("Tenured")) {
        old = Math.max(old, 0) + pool.getValue().getUsed();
      }
      if (!(name.contains("Metaspace") || name.contains("Code") || name.contains("Class"))) {
        heap += pool.getValue().getUsed();
      }
    }
    // Generational collectors: what survives in the old generation is the live set's best figure.
    // Single-generation collectors (ZGC, Shenandoah): the whole heap after collection.
    liveAfterGcBytes = old >= 0 ? old : heap;
    onCollection.run();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already removed
      }
    }
  }
}
