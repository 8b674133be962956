package io.heapwise.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;

/**
 * The single consumer of a service's batch buffer: takes up to a batch of finished results at a
 * time and writes them to the sink, resting briefly when there is nothing to take. On close it
 * writes whatever is still pending, so nothing is lost at shutdown.
 */
final class Flusher implements AutoCloseable {

  private final Thread thread;
  private final SimulatedSink sink;
  private final IntUnaryOperator drain;
  private final int batchSize;
  private final long idleNanos;
  private final AtomicLong written = new AtomicLong();
  private volatile boolean running = true;

  /**
   * @param drain removes up to the given number of results from the buffer and returns how many
   */
  Flusher(String name, DemoConfig config, SimulatedSink sink, IntUnaryOperator drain) {
    this.sink = sink;
    this.drain = drain;
    this.batchSize = config.flushBatchSize();
    this.idleNanos = config.flushInterval().toNanos();
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The thread that drains the buffer; a buffer that must never block its consumer needs it. */
  Thread thread() {
    return thread;
  }

  private void run() {
    while (running) {
      if (flushOnce() == 0) {
        LockSupport.parkNanos(idleNanos);
      }
    }
    while (flushOnce() > 0) {
      // closing: write what is left
    }
  }

  private int flushOnce() {
    int count = drain.applyAsInt(batchSize);
    sink.write(count);
    written.addAndGet(count);
    return count;
  }

  long written() {
    return written.get();
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
