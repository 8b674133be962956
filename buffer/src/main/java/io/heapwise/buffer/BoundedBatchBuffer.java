package io.heapwise.buffer;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A bounded buffer between many producers and one consumer: single items and whole batches in,
 * batches out, never past its bound, and nothing lost silently.
 *
 * <pre>{@code
 * BoundedBatchBuffer<Result> results = BoundedBatchBuffer.builder(config, batch -> sink.write(batch))
 *     .dropListener(dropped -> log.warn("dropped " + dropped))
 *     .build();
 * OfferResult outcome = results.offer(result);      // producers, any thread
 * results.drain();                                   // the consumer (flusher) thread
 * }</pre>
 *
 * <p><b>Exact bounds.</b> A producer first reserves room for its items (and bytes, with a weigher)
 * with a CAS on a counter that never exceeds the bound, then enqueues: a capacity of 1000 holds at
 * most 1000 items, not 1024. Room is given back only after the consumer has taken the items. The
 * weigher runs before the reservation, so no user code runs while room is held and a failing
 * weigher leaves nothing half-admitted.
 *
 * <p><b>Batches.</b> {@link #offerBatch} admits all of a batch or none of it; its items reach the
 * consumer together, in order, in one {@link BatchHandler#handle} call. A batch larger than the
 * whole capacity is refused at once with an {@link IllegalArgumentException} naming both sizes.
 *
 * <p><b>When full</b>, the {@link OverflowPolicy} of the config (or of the call) decides; every
 * outcome but ACCEPTED is counted in {@link #stats()}, dropped items go to the drop listener. The
 * consumer never blocks on its own buffer: an offer made from inside the handler falls back to
 * REJECT under BLOCK and CALLER_RUNS (documented deadlock guard).
 *
 * <p><b>Pressure.</b> As a {@link PressureListener}, the buffer admits up to half its capacity at
 * ELEVATED and a quarter at CRITICAL; items already in stay.
 *
 * <p>Thread-safe: any number of producers; {@link #drain} from one consumer at a time (enforced).
 *
 * @param <T> the item type
 */
public final class BoundedBatchBuffer<T> implements PressureListener, AutoCloseable {

  private final BufferConfig config;
  private final BatchHandler<T> handler;
  private final ToLongFunction<? super T> weigher;
  private final Consumer<? super T> dropListener;

  /** Entries are items, or {@link Batch}es of items that must reach the consumer together. */
  private final MpmcArrayQueue<Object> entries;

  private final AtomicLong items = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final ReentrantLock consumerLock = new ReentrantLock();
  private final List<T> outgoing = new ArrayList<>();
  private final ReentrantLock spaceLock = new ReentrantLock(true);
  private final Condition spaceFreed = spaceLock.newCondition();
  private final AtomicLong waiters = new AtomicLong();
  private volatile int capacity;
  private volatile boolean closed;

  private final LongAdder offered = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder callerRan = new LongAdder();
  private final LongAdder blockedNanos = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final AtomicLong highWaterItems = new AtomicLong();
  private final AtomicLong highWaterBytes = new AtomicLong();

  /** Items that must reach the consumer together. */
  private static final class Batch {
    final Object[] items;

    Batch(Object[] items) {
      this.items = items;
    }
  }

  private BoundedBatchBuffer(Builder<T> builder) {
    this.config = builder.config;
    this.handler = builder.handler;
    this.weigher = builder.weigher;
    this.dropListener = builder.dropListener;
    this.capacity = config.capacity();
    // One entry holds at least one item, so the queue never has fewer free places than reserved.
    this.entries = new MpmcArrayQueue<>(Math.max(2, config.capacity()));
  }

  /**
   * Starts a buffer delivering to {@code handler}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static <T> Builder<T> builder(BufferConfig config, BatchHandler<T> handler) {
    return new Builder<>(config, handler);
  }

  /** The buffer's name. */
  public String name() {
    return config.name();
  }

  /** Offers one item under the configured policy. */
  public OfferResult offer(T item) throws InterruptedException {
    return offer(item, config.overflowPolicy());
  }

  /**
   * Offers one item under {@code policy}.
   *
   * @throws NullPointerException if the item is null
   * @throws IllegalArgumentException if the item alone weighs more than {@code max-bytes}
   * @throws InterruptedException if interrupted while blocked; the item is not admitted
   */
  public OfferResult offer(T item, OverflowPolicy policy) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    long weight = weigh(item);
    return admit(item, 1, weight, policy);
  }

  /** Offers a batch under the configured policy. */
  public OfferResult offerBatch(Collection<? extends T> batch) throws InterruptedException {
    return offerBatch(batch, config.overflowPolicy());
  }

  /**
   * Offers a batch, all or nothing, under {@code policy}.
   *
   * @throws NullPointerException if the batch or one of its items is null
   * @throws IllegalArgumentException if the batch holds more items than the capacity, or weighs
   *     more than {@code max-bytes}, naming both sizes
   * @throws InterruptedException if interrupted while blocked; nothing is admitted
   */
  public OfferResult offerBatch(Collection<? extends T> batch, OverflowPolicy policy)
      throws InterruptedException {
    Object[] copy = batch.toArray();
    if (copy.length == 0) {
      return OfferResult.ACCEPTED;
    }
    if (copy.length > config.capacity()) {
      throw new IllegalArgumentException(
          "buffer '"
              + name()
              + "': a batch of "
              + copy.length
              + " items can never fit in capacity "
              + config.capacity());
    }
    long weight = 0;
    for (Object item : copy) {
      @SuppressWarnings("unchecked")
      T typed = (T) Objects.requireNonNull(item, "batch item");
      weight += weigh(typed);
    }
    if (config.maxBytes() > 0 && weight > config.maxBytes()) {
      throw new IllegalArgumentException(
          "buffer '"
              + name()
              + "': a batch of "
              + weight
              + " bytes can never fit in max-bytes "
              + config.maxBytes());
    }
    return admit(copy.length == 1 ? copy[0] : new Batch(copy), copy.length, weight, policy);
  }

  private long weigh(T item) {
    if (weigher == null) {
      return 0;
    }
    long weight = weigher.applyAsLong(item);
    if (weight < 0 || (config.maxBytes() > 0 && weight > config.maxBytes())) {
      throw new IllegalArgumentException(
          "buffer '"
              + name()
              + "': item weighs "
              + weight
              + " bytes; expected 0.."
              + config.maxBytes());
    }
    return weight;
  }

  private OfferResult admit(Object entry, int count, long weight, OverflowPolicy requested)
      throws InterruptedException {
    offered.add(count);
    OverflowPolicy policy = requested;
    if (consumerLock.isHeldByCurrentThread()
        && (policy == OverflowPolicy.BLOCK || policy == OverflowPolicy.CALLER_RUNS)) {
      policy = OverflowPolicy.REJECT; // the consumer must never wait on itself
    }
    OfferResult result = OfferResult.ACCEPTED;
    while (!closed && !reserve(count, weight)) {
      switch (policy) {
        case BLOCK -> {
          if (!awaitSpace(count, weight)) {
            return reject(count);
          }
          enqueue(entry, count);
          return result;
        }
        case DROP_OLDEST -> {
          if (!dropOldest()) {
            return reject(count); // nothing left to drop: only in-flight offers hold the room
          }
          result = OfferResult.ACCEPTED_AFTER_DROP;
        }
        case CALLER_RUNS -> {
          if (drainOnce() == 0 && items.get() + count > capacity) {
            return reject(count); // nothing to deliver: room is held by offers in flight
          }
          callerRan.increment();
          result = OfferResult.ACCEPTED_AFTER_CALLER_RAN;
        }
        default -> {
          return reject(count);
        }
      }
    }
    if (closed) {
      return reject(count);
    }
    enqueue(entry, count);
    return result;
  }

  private OfferResult reject(int count) {
    rejected.add(count);
    return OfferResult.REJECTED;
  }

  /** Reserves room for {@code count} items and {@code weight} bytes, both or neither. */
  private boolean reserve(int count, long weight) {
    long now;
    do {
      now = items.get();
      if (now + count > capacity) {
        return false;
      }
    } while (!items.compareAndSet(now, now + count));
    highWaterItems.accumulateAndGet(now + count, Math::max);
    if (config.maxBytes() > 0) {
      long used;
      do {
        used = bytes.get();
        if (used + weight > config.maxBytes()) {
          items.addAndGet(-count); // give the items back: both bounds or neither
          return false;
        }
      } while (!bytes.compareAndSet(used, used + weight));
      highWaterBytes.accumulateAndGet(used + weight, Math::max);
    }
    return true;
  }

  private void enqueue(Object entry, int count) {
    // Never fails: reserved items <= capacity <= queue capacity, and an entry holds >= 1 item.
    entries.offer(entry);
    accepted.add(count);
  }

  private boolean awaitSpace(int count, long weight) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + config.blockTimeout().toNanos();
    spaceLock.lockInterruptibly();
    waiters.incrementAndGet(); // full fence: a later release sees us and signals
    try {
      while (!closed) {
        if (reserve(count, weight)) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        spaceFreed.awaitNanos(left);
      }
      return false;
    } finally {
      waiters.decrementAndGet();
      spaceLock.unlock();
      blockedNanos.add(System.nanoTime() - start);
    }
  }

  /** Drops the oldest entry, handing its items to the drop listener; false if there was none. */
  @SuppressWarnings("unchecked")
  private boolean dropOldest() {
    Object oldest = entries.poll();
    if (oldest == null) {
      return false;
    }
    Object[] lost = oldest instanceof Batch batch ? batch.items : new Object[] {oldest};
    long weight = 0;
    for (Object item : lost) {
      weight += weigh((T) item);
    }
    release(lost.length, weight);
    dropped.add(lost.length);
    for (Object item : lost) {
      dropListener.accept((T) item);
    }
    return true;
  }

  /**
   * Delivers up to {@code drain-batch-size} items to the handler, in order, as one batch; an
   * admitted batch is never split, so a delivered batch may be larger. Called by the consumer.
   *
   * @return how many items were delivered (0 when the buffer was empty)
   */
  public int drain() {
    consumerLock.lock();
    try {
      return drainLocked();
    } finally {
      consumerLock.unlock();
    }
  }

  /** Delivers one batch as {@link #drain()} does; used by CALLER_RUNS producers. */
  private int drainOnce() {
    return drain();
  }

  @SuppressWarnings("unchecked")
  private int drainLocked() {
    outgoing.clear();
    long weight = 0;
    Object entry;
    while (outgoing.size() < config.drainBatchSize()) {
      entry = entries.peek();
      if (entry == null) {
        break;
      }
      int size = entry instanceof Batch batch ? batch.items.length : 1;
      if (!outgoing.isEmpty() && outgoing.size() + size > config.drainBatchSize()) {
        break; // keep an admitted batch whole, in the next delivery
      }
      entry = entries.poll();
      if (entry == null) {
        break; // a DROP_OLDEST producer took it
      }
      if (entry instanceof Batch batch) {
        for (Object item : batch.items) {
          outgoing.add((T) item);
          weight += weigh((T) item);
        }
      } else {
        outgoing.add((T) entry);
        weight += weigh((T) entry);
      }
    }
    int count = outgoing.size();
    if (count == 0) {
      return 0;
    }
    try {
      handler.handle(outgoing);
    } finally {
      delivered.add(count);
      outgoing.clear();
      release(count, weight);
    }
    return count;
  }

  /** Gives room back and wakes blocked producers. */
  private void release(int count, long weight) {
    items.addAndGet(-count);
    if (config.maxBytes() > 0) {
      bytes.addAndGet(-weight);
    }
    if (waiters.get() > 0) { // the addAndGet above is a full fence: no lost wake-up
      spaceLock.lock();
      try {
        spaceFreed.signalAll();
      } finally {
        spaceLock.unlock();
      }
    }
  }

  /** Lowers the admitted capacity under pressure (half at ELEVATED, a quarter at CRITICAL). */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    int full = config.capacity();
    capacity =
        switch (current) {
          case NORMAL -> full;
          case ELEVATED -> Math.max(1, full / 2);
          case CRITICAL -> Math.max(1, full / 4);
        };
    if (capacity == full && waiters.get() > 0) {
      release(0, 0);
    }
  }

  /** Items in the buffer now. */
  public long size() {
    return items.get();
  }

  /** A snapshot of the counters. */
  public BufferStats stats() {
    return new BufferStats(
        name(),
        offered.sum(),
        accepted.sum(),
        rejected.sum(),
        dropped.sum(),
        callerRan.sum(),
        blockedNanos.sum(),
        delivered.sum(),
        items.get(),
        bytes.get(),
        highWaterItems.get(),
        highWaterBytes.get(),
        capacity);
  }

  /**
   * Stops admitting (later offers are REJECTED), wakes blocked producers, and delivers everything
   * still buffered to the handler on this thread, so nothing admitted is lost.
   */
  @Override
  public void close() {
    closed = true;
    spaceLock.lock();
    try {
      spaceFreed.signalAll();
    } finally {
      spaceLock.unlock();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((items.get() > 0 || !entries.isEmpty()) && System.nanoTime() < deadline) {
      if (drain() == 0) {
        Thread.onSpinWait(); // an offer in flight is enqueueing what it reserved
      }
    }
  }

  /** Builds a {@link BoundedBatchBuffer}. */
  public static final class Builder<T> {
    private final BufferConfig config;
    private final BatchHandler<T> handler;
    private ToLongFunction<? super T> weigher;
    private Consumer<? super T> dropListener = item -> {};

    private Builder(BufferConfig config, BatchHandler<T> handler) {
      this.config = Objects.requireNonNull(config, "config");
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Weighs items for the {@code max-bytes} bound; required when the config has one. It must give
     * the same weight for the same item every time (it runs on admission and on delivery).
     */
    public Builder<T> weigher(ToLongFunction<? super T> weigher) {
      this.weigher = Objects.requireNonNull(weigher, "weigher");
      return this;
    }

    /**
     * Receives each item dropped under {@link OverflowPolicy#DROP_OLDEST}, on the dropping thread.
     */
    public Builder<T> dropListener(Consumer<? super T> dropListener) {
      this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
      return this;
    }

    /**
     * Builds the buffer.
     *
     * @throws IllegalStateException if the config has {@code max-bytes} but no weigher was given
     */
    public BoundedBatchBuffer<T> build() {
      if (config.maxBytes() > 0 && weigher == null) {
        throw new IllegalStateException(
            "buffer '" + config.name() + "': max-bytes is set, so a weigher is required");
      }
      return new BoundedBatchBuffer<>(this);
    }
  }
}
