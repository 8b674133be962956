package io.heapwise.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Issues requests from worker threads, at a fixed rate or flat out, for a fixed time, and records
 * each request's latency and service time.
 *
 * <p>At a fixed rate, latency runs from the moment a request was due, not from when a late worker
 * got to it, so a pause that delays many requests shows in the percentiles (no coordinated
 * omission). The workers' requests fall due together (each worker's k-th at the same moment), so
 * with more workers than cores a request also waits for the others' service: latency grows with
 * service time. Service time runs from when the worker starts the request to when the handler
 * returns: the CPU cost of a request, plus any preemption. Recording into per-thread HdrHistograms
 * allocates nothing.
 */
final class LoadGenerator {

  private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final int threads;
  private final int rate;
  private final boolean maxRate;
  private final long durationNanos;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  LoadGenerator(int threads, int rate, boolean maxRate, long durationNanos) {
    this.threads = threads;
    this.rate = rate;
    this.maxRate = maxRate;
    this.durationNanos = durationNanos;
  }

  /** Requests completed so far; safe to read while the load runs. */
  long served() {
    return served.get();
  }

  /** Requests whose handler threw. */
  long failed() {
    return failed.get();
  }

  /** Latencies and service times of every request of a run, in nanoseconds. */
  record Result(Histogram latencies, Histogram serviceTimes) {}

  /**
   * Runs the load to the end and returns the merged histograms.
   *
   * @param handler serves one request id
   * @param progress called about every 250 ms from this thread while the load runs
   */
  Result run(LongConsumer handler, Runnable progress) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + durationNanos;
    List<Worker> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Worker worker = new Worker(w, start, end, handler);
      workers.add(worker);
      worker.thread.start();
    }
    while (System.nanoTime() < end) {
      Thread.sleep(250);
      progress.run();
    }
    Histogram latencies = new Histogram(MAX_LATENCY_NANOS, 3);
    Histogram serviceTimes = new Histogram(MAX_LATENCY_NANOS, 3);
    for (Worker worker : workers) {
      worker.thread.join();
      latencies.add(worker.latencies);
      serviceTimes.add(worker.serviceTimes);
    }
    return new Result(latencies, serviceTimes);
  }

  private final class Worker implements Runnable {
    private final int index;
    private final long start;
    private final long end;
    private final LongConsumer handler;
    private final Histogram latencies = new Histogram(MAX_LATENCY_NANOS, 3);
    private final Histogram serviceTimes = new Histogram(MAX_LATENCY_NANOS, 3);
    private final Thread thread;

    Worker(int index, long start, long end, LongConsumer handler) {
      this.index = index;
      this.start = start;
      this.end = end;
      this.handler = handler;
      this.thread = new Thread(this, "load-" + index);
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      double nanosBetween = TimeUnit.SECONDS.toNanos(1) * (double) threads / rate;
      for (long k = 0; ; k++) {
        long requestId = k * threads + index;
        long due = maxRate ? System.nanoTime() : start + (long) (k * nanosBetween);
        if (due >= end) {
          return;
        }
        long now = System.nanoTime();
        if (due > now) {
          LockSupport.parkNanos(due - now);
        }
        long started = System.nanoTime();
        try {
          handler.accept(requestId);
          served.incrementAndGet();
        } catch (RuntimeException e) {
          failed.incrementAndGet();
        }
        long finished = System.nanoTime();
        serviceTimes.recordValue(Math.min(finished - started, MAX_LATENCY_NANOS));
        latencies.recordValue(Math.min(finished - due, MAX_LATENCY_NANOS));
      }
    }
  }
}
