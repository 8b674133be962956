package io.heapwise.pool;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread shared by all pools for work that must not run on a caller's thread: leak scans
 * and the remainder of pressure trims. Started on first use.
 */
final class Maintenance {

  private static final ScheduledThreadPoolExecutor EXECUTOR = newExecutor();

  private Maintenance() {}

  private static ScheduledThreadPoolExecutor newExecutor() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "heapwise-pool-maintenance");
              thread.setDaemon(true);
              return thread;
            });
    // Cancelled periodic scans of closed pools must not stay queued.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  static ScheduledFuture<?> every(long periodNanos, Runnable task) {
    return EXECUTOR.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  static void soon(Runnable task) {
    EXECUTOR.execute(task);
  }
}
