package io.heapwise.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The single consumer of a service's batch buffer: takes up to a batch of finished results at a
 * time and writes them to the sink, resting briefly when there is nothing to take. On close it
 * writes whatever is still pending, so nothing is lost at shutdown.
 */
final class Flusher implements AutoCloseable {

  private final Thread thread;
  private final IntSupplier flushOnce;
  private final long idleNanos;
  private volatile boolean running = true;

  /**
   * @param flushOnce takes one batch from the buffer, writes it to the sink, returns its size
   */
  Flusher(String name, DemoConfig config, IntSupplier flushOnce) {
    this.flushOnce = flushOnce;
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
      if (flushOnce.getAsInt() == 0) {
        LockSupport.parkNanos(idleNanos);
      }
    }
    while (flushOnce.getAsInt() > 0) {
      // closing: write what is left
    }
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
