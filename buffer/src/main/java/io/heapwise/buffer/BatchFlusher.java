package io.heapwise.buffer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The optional consumer thread of a {@link BoundedBatchBuffer} (config {@code flusher=true}): it
 * delivers to the buffer's handler as soon as {@code flush-size} items wait, or once the first
 * waiting item has waited {@code linger}, whichever comes first (like OpenTelemetry's
 * BatchSpanProcessor or Kafka's {@code linger.ms}). A handler that throws does not stop it: the
 * batch goes to the error handler and counts as failed. It stops when the buffer closes, after a
 * final flush.
 *
 * <p>It never spins: with nothing waiting it parks until a producer makes the buffer non-empty;
 * with fewer than {@code flush-size} items waiting it parks until the linger deadline or until a
 * producer brings the count to {@code flush-size}. Producers wake it only on those two transitions,
 * so a steady stream of offers costs no wake-up per item.
 */
public final class BatchFlusher {

  private static final System.Logger LOG = System.getLogger(BatchFlusher.class.getName());

  private final BoundedBatchBuffer<?> buffer;
  private final int flushSize;
  private final long lingerNanos;
  private final Thread thread;
  private final LongAdder flushes = new LongAdder();
  private volatile boolean running = true;

  BatchFlusher(BoundedBatchBuffer<?> buffer, BufferConfig config) {
    this.buffer = buffer;
    // More than the capacity can never wait: the linger would then be the only trigger.
    this.flushSize = Math.min(config.flushSize(), config.capacity());
    this.lingerNanos = config.linger().toNanos();
    this.thread = new Thread(this::run, "heapwise-buffer-flusher-" + config.name());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  int flushSize() {
    return flushSize;
  }

  void wake() {
    LockSupport.unpark(thread);
  }

  /** The flusher's thread. */
  public Thread thread() {
    return thread;
  }

  /** Whether the thread is still running (false once the buffer has closed and it has flushed). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** How many times the flusher found items to deliver and delivered them. */
  public long flushes() {
    return flushes.sum();
  }

  /** The configured linger. */
  public Duration linger() {
    return Duration.ofNanos(lingerNanos);
  }

  private void run() {
    try {
      while (running) {
        long waiting = buffer.size();
        if (waiting == 0) {
          // Announce the idle state, then look again: a producer that filled the buffer after
          // the first look either sees the flag and unparks us, or we see its items now.
          buffer.flusherIdle = true;
          if (buffer.size() == 0 && running) {
            LockSupport.park(this);
          }
          buffer.flusherIdle = false;
          continue;
        }
        long waited = System.nanoTime() - buffer.firstWaitingNanos;
        if (waiting >= flushSize || waited >= lingerNanos) {
          flush();
          if (buffer.size() > 0) {
            // Items that arrived during the flush: their linger counts from now (slightly late
            // rather than early; never longer than one flush plus the linger).
            buffer.firstWaitingNanos = System.nanoTime();
          }
          continue;
        }
        LockSupport.parkNanos(this, lingerNanos - waited);
      }
    } catch (RuntimeException | Error e) {
      // The handler's exceptions are caught by the buffer; this is a bug or an Error.
      LOG.log(System.Logger.Level.ERROR, "buffer '" + buffer.name() + "': flusher died", e);
      throw e;
    } finally {
      flush(); // the final flush on close (or on an unexpected death, whatever can be delivered)
    }
  }

  private void flush() {
    if (buffer.flushAll() > 0) {
      flushes.increment();
    }
  }

  /** Stops the thread and waits for its final flush until {@code deadline} (System.nanoTime). */
  void stop(long deadline) {
    running = false;
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return; // closed from the handler: the loop ends after this delivery
    }
    try {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
