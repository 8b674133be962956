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
 * omission); the workers' requests fall due together (each worker's k-th at the same moment), so
 * with more workers than cores a request may also wait for another's service. Flat out, a request
 * is due when its worker gets to it, so latency is about its service time. Service time is the time
 * spent in the handler, from when the worker starts the request until the handler returns: its
 * work, plus any preemption and any waiting inside (a lock, a full buffer). Recording into
 * per-thread HdrHistograms allocates nothing.
 */
final class LoadGenerator {

  private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final int threads;
  private final int rate;
  private final boolean maxRate;
  private final long durationNanos;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  // Created here, before a run, not in it: each is about 250 KB, which a run's allocated-bytes
  // figure (measured from its start) would otherwise count as the service's.
  private final Histogram[] latenciesByWorker;
  private final Histogram[] serviceTimesByWorker;
  private final Result merged =
      new Result(new Histogram(MAX_LATENCY_NANOS, 3), new Histogram(MAX_LATENCY_NANOS, 3));

  LoadGenerator(int threads, int rate, boolean maxRate, long durationNanos) {
    this.threads = threads;
    this.rate = rate;
    this.maxRate = maxRate;
    this.durationNanos = durationNanos;
    this.latenciesByWorker = new Histogram[threads];
    this.serviceTimesByWorker = new Histogram[threads];
    for (int w = 0; w < threads; w++) {
      latenciesByWorker[w] = new Histogram(MAX_LATENCY_NANOS, 3);
      serviceTimesByWorker[w] = new Histogram(MAX_LATENCY_NANOS, 3);
    }
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
   * Runs the load to the end and returns the merged histograms (the same instances every run,
   * cleared when a run starts).
   *
   * @param handler serves one request id
   * @param progress called about every 250 ms from this thread while the load runs
   */
  Result run(LongConsumer handler, Runnable progress) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + durationNanos;
    merged.latencies().reset();
    merged.serviceTimes().reset();
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
    for (Worker worker : workers) {
      worker.thread.join();
      merged.latencies().add(worker.latencies);
      merged.serviceTimes().add(worker.serviceTimes);
    }
    return merged;
  }

  private final class Worker implements Runnable {
    private final int index;
    private final long start;
    private final long end;
    private final LongConsumer handler;
    private final Histogram latencies;
    private final Histogram serviceTimes;
    private final Thread thread;

    Worker(int index, long start, long end, LongConsumer handler) {
      this.index = index;
      this.start = start;
      this.end = end;
      this.handler = handler;
      this.latencies = latenciesByWorker[index];
      this.serviceTimes = serviceTimesByWorker[index];
      latencies.reset();
      serviceTimes.reset();
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
        long now;
        // parkNanos may return early; starting before the due time would record a negative
        // latency, which the histogram refuses with an exception that would end this worker
        while ((now = System.nanoTime()) - due < 0) {
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
