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
final class HeapSampler implements SampleSource {

  private final Runtime runtime = Runtime.getRuntime();
  private final GarbageCollectorMXBean[] collectors;
  private final com.sun.management.ThreadMXBean allocationBean;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private final Runnable onCollection;
  // Written by the JMX notification thread (one thread), read by the monitor thread. The figure is
  // written before its counter: a reader that sees a new count sees at least that collection's
  // figure (or a newer one, which only makes it fresher).
  private volatile long liveAfterGcBytes = -1;
  private volatile long collections;
  private volatile long settledLiveBytes = -1;
  private volatile long settledCollections;
  private volatile boolean closed;

  // The last sample, read by the monitor thread only.
  long heapUsed;
  long heapCommitted;
  long heapMax;
  long gcCount;
  long gcMillis;
  long allocatedBytes;

  HeapSampler(Runnable onCollection) {
    this(onCollection, true);
  }

  /**
   * A sampler that hears no GC notifications: {@link #record} is then fed by the caller alone, as
   * the one writer it assumes. Tests use it so that a real collection cannot race their figures.
   */
  static HeapSampler deaf() {
    return new HeapSampler(() -> {}, false);
  }

  private HeapSampler(Runnable onCollection, boolean listen) {
    this.onCollection = onCollection;
    this.collectors =
        ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
    this.allocationBean = allocationBean(ManagementFactory.getThreadMXBean());
    if (!listen) {
      return;
    }
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
  @Override
  public void sample() {
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

  @Override
  public long heapUsed() {
    return heapUsed;
  }

  @Override
  public long heapCommitted() {
    return heapCommitted;
  }

  @Override
  public long heapMax() {
    return heapMax;
  }

  @Override
  public long gcCount() {
    return gcCount;
  }

  @Override
  public long gcMillis() {
    return gcMillis;
  }

  @Override
  public long allocatedBytes() {
    return allocatedBytes;
  }

  @Override
  public long liveAfterGcBytes() {
    return liveAfterGcBytes;
  }

  @Override
  public long collections() {
    return collections;
  }

  @Override
  public long settledLiveBytes() {
    return settledLiveBytes;
  }

  @Override
  public long settledCollections() {
    return settledCollections;
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
      if (isOld(name)) {
        old = Math.max(old, 0) + pool.getValue().getUsed();
      }
      if (!(name.contains("Metaspace") || name.contains("Code") || name.contains("Class"))) {
        heap += pool.getValue().getUsed();
      }
    }
    long oldBefore = 0;
    if (old >= 0) {
      for (Map.Entry<String, MemoryUsage> pool :
          info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
        if (isOld(pool.getKey())) {
          oldBefore += pool.getValue().getUsed();
        }
      }
    }
    record(old, heap, oldBefore, info.getGcAction().contains("major"));
    onCollection.run();
  }

  private static boolean isOld(String poolName) {
    return poolName.contains("Old Gen") || poolName.contains("Tenured");
  }

  /**
   * Records one collection: generational collectors report what survives in the old generation (the
   * live set's best figure), single-generation collectors (ZGC, Shenandoah) the whole heap. The old
   * generation only grows between old/mixed collections (promotion), so only collections that
   * shrank it, or major ones, or single-generation ones, count as settled (Micrometer's rule for
   * jvm.gc.live.data.size).
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the JMX notification thread
  void record(long oldAfter, long heapAfter, long oldBefore, boolean major) {
    // A major collection collects every generation, so all it leaves is live: the whole heap. This
    // matters where the old generation is capped below the thresholds (Serial/Parallel give it 2/3
    // of the heap by default: a live set of 80% of max heap shows as a full old gen of 67%).
    long live = major || oldAfter < 0 ? heapAfter : oldAfter;
    liveAfterGcBytes = live;
    collections++;
    if (oldAfter < 0 || major || oldAfter < oldBefore) {
      settledLiveBytes = live;
      settledCollections++;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already removed
      }
    }
  }
}
