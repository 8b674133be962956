package io.heapwise.buffer;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import io.heapwise.core.jmx.JmxRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A bounded buffer between many producers and one consumer: single items and whole batches in,
 * batches out, never past its bound, and nothing lost silently.
 *
 * <pre>{@code
 * BoundedBatchBuffer<Result> results = BoundedBatchBuffer.builder(config, batch -> sink.write(batch))
 *     .dropListener(dropped -> log.warn("dropped " + dropped))
 *     .errorHandler((batch, error) -> log.error("sink failed on " + batch.size(), error))
 *     .build();
 * OfferResult outcome = results.offer(result);      // producers, any thread
 * results.drain();                                   // the consumer, or flusher=true in the config
 * }</pre>
 *
 * <p><b>Exact bounds.</b> A producer first reserves room for its items (and bytes, with a weigher)
 * with one CAS that never passes either bound, then enqueues: a capacity of 1000 holds at most 1000
 * items, not 1024. With {@code max-bytes} (or a flusher) the CAS is on one word holding both
 * counts, and the entry then goes into a JCTools MpscArrayQueue. Without them, the buffer is a ring
 * of its own and the same CAS also claims the entry's place in it: it is on the producers' count of
 * places claimed and items reserved, which they check against their copy of the consumer's count of
 * items given back, reading the consumer's count itself only when the copy says full. Room is given
 * back only after the consumer has taken the items. The weigher runs once per item, before the
 * reservation, so no user code runs while room is held and a failing weigher leaves nothing
 * half-admitted; each item is queued with its weight, and the bytes given back when it is delivered
 * or dropped are the bytes it took, even from a weigher that would answer differently (or throw)
 * later. Because both bounds are checked and reserved together, an offer refused on one bound never
 * holds room on the other, even for a moment.
 *
 * <p><b>Order.</b> Items reach the consumer in the order they were enqueued: each producer's in the
 * order of its offers. With {@code max-bytes} or a flusher, two concurrent offers of different
 * producers may be enqueued in the other order than they reserved room (the reservation is where an
 * offer takes effect for the bound); without, the order of the reservations is the order.
 *
 * <p><b>Batches.</b> {@link #offerBatch} admits all of a batch or none of it; its items reach the
 * consumer together, in order, in one delivery. A batch larger than the whole capacity is refused
 * at once with an {@link IllegalArgumentException} naming both sizes. The buffer copies the
 * caller's items (the caller may reuse its collection at once) into an array it recycles after
 * delivery, so batches of a steady size up to 256 items allocate nothing.
 *
 * <p><b>When full</b>, the {@link OverflowPolicy} of the config (or of the call) decides; every
 * outcome is counted in {@link #stats()} so that {@code offered = accepted + rejected + dropped +
 * callerRan} exactly, and dropped items go to the drop listener. The consumer never blocks on its
 * own buffer: an offer made while holding the consumer role (from inside the handler) falls back to
 * REJECT under BLOCK and CALLER_RUNS (documented deadlock guard).
 *
 * <p><b>Consumers that throw</b> do not lose items silently and do not stop the drainer: the items
 * they did not take go to the {@link BatchErrorHandler} (default: logged) and count as failed.
 *
 * <p><b>Pressure.</b> As a {@link PressureListener}, the buffer admits only {@code
 * pressure-capacity-fraction} of its capacity (default half) at CRITICAL and all of it otherwise;
 * items already in stay.
 *
 * <p><b>Close.</b> {@link #close()} refuses later offers ({@link OfferResult#CLOSED}), wakes every
 * blocked producer at once, and delivers what is buffered within {@code close-timeout}.
 *
 * <p>Thread-safe: any number of producers; the drain methods from any thread, one at a time
 * (serialised by a consumer lock).
 *
 * @param <T> the item type
 */
public final class BoundedBatchBuffer<T> implements PressureListener, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BoundedBatchBuffer.class.getName());

  /**
   * How long a CALLER_RUNS offer that found the buffer full and another thread delivering keeps
   * looking for room before it queues for the consumer's role: about what waking a parked thread
   * costs on a busy machine. See {@link #runInCallerUnlessBackingOff}.
   */
  static final Duration CALLER_RUNS_BACK_OFF = Duration.ofNanos(20_000);

  /**
   * How long a CALLER_RUNS offer past its back-off waits for the consumer's role before it looks at
   * {@link #closed} and for room again: {@link #close()} must end every waiting offer within 10 ms.
   * See {@link #awaitRole}.
   */
  private static final long ROLE_WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** What {@link #reserve} returns when the room is not there (reservations are never negative). */
  private static final long NOT_RESERVED = -1;

  /** What {@link #awaitSpace} returns when the buffer closed while the offer waited. */
  private static final long CLOSED_WHILE_WAITING = -2;

  private final BufferConfig config;
  private final BatchHandler<T> handler;
  private final ToLongFunction<? super T> weigher;
  private final Consumer<? super T> dropListener;
  private final BatchErrorHandler<T> errorHandler;

  /**
   * Admitted entries: bare items, weighed items and batches (see {@link EntryHolders}). A
   * single-consumer queue although both consumers and DROP_OLDEST producers poll it: every poll
   * happens under {@link #removalLock}, which orders them (the lock's happens-before edges carry
   * the consumer index from one polling thread to the next). Without a byte bound or a flusher, the
   * same object as {@link #occupancy} (an {@link EntryRing}).
   */
  private final EntryQueue entries;

  /** Makes entries and recycles their holders: steady offers and batches allocate nothing. */
  private final EntryHolders holders;

  /**
   * Items and bytes reserved: in the queue, being enqueued, or taken but not yet handed over (see
   * {@link Occupancy} for its two forms).
   */
  private final Occupancy occupancy;

  /** Serialises consumers: the single-consumer guarantee of the handler. */
  private final ReentrantLock consumerLock = new ReentrantLock();

  /** {@link #CALLER_RUNS_BACK_OFF} in nanoseconds; tests set another through the builder. */
  private final long callerRunsBackOffNanos;

  /** Takes entries out for each delivery. Guarded by {@link #consumerLock}. */
  private final EntryTaker<T> taker;

  /**
   * Makes "the buffer is full, so drop the oldest entry" atomic: held by DROP_OLDEST offers from
   * their failed reservation to their enqueue, and by consumers while they poll and while they give
   * room back. Never held while user code runs.
   */
  private final ReentrantLock removalLock = new ReentrantLock();

  private final BlockedProducers blocked = new BlockedProducers();
  private volatile int capacity;

  /** The capacity before pressure: the config's, or what {@link #setCapacity} set. */
  private volatile int baseCapacity;

  private volatile boolean critical;

  /** The registered MXBean, when {@code jmx} is on. */
  private JmxRegistration jmx;

  private volatile boolean closed;
  private final AtomicBoolean closing = new AtomicBoolean();

  /** The flusher thread, if any; producers unpark it when items start to wait or reach a batch. */
  private final BatchFlusher flusher;

  /** When the first currently waiting item arrived (System.nanoTime), for the flusher's linger. */
  volatile long firstWaitingNanos;

  /** Set by an idle flusher before it parks, so that the producer that ends the idle wakes it. */
  volatile boolean flusherIdle;

  private final BufferCounters counters = new BufferCounters();

  private BoundedBatchBuffer(Builder<T> builder) {
    this.config = builder.config;
    this.handler = builder.handler;
    this.weigher = builder.weigher;
    this.dropListener = builder.dropListener;
    this.errorHandler = builder.errorHandler;
    this.callerRunsBackOffNanos = builder.callerRunsBackOff.toNanos();
    this.capacity = config.capacity();
    this.baseCapacity = config.capacity();
    this.occupancy = Occupancy.forBuffer(config.capacity(), config.maxBytes(), config.flusher());
    this.entries = EntryQueue.forOccupancy(occupancy, config.capacity());
    this.holders = new EntryHolders(config.name(), config.capacity(), config.maxBytes() > 0);
    this.taker = new EntryTaker<>(entries, holders, occupancy, removalLock);
    this.flusher = config.flusher() ? new BatchFlusher(this, config) : null;
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

  /** The buffer's configuration. */
  public BufferConfig config() {
    return config;
  }

  /** The flusher thread, when the config asked for one. */
  public Optional<BatchFlusher> flusher() {
    return Optional.ofNullable(flusher);
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
   * @throws InterruptedException if interrupted while blocked; the item is not admitted (and is
   *     counted as rejected)
   */
  public OfferResult offer(T item, OverflowPolicy policy) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(policy, "policy");
    return admit(item, 1, weigh(item), policy); // it gets its holder, if any, on enqueue
  }

  /**
   * Admits a batch (a recycled holder of its items) and recycles the holder when the outcome says
   * it was never queued. Once queued, it belongs to whoever takes it out, who recycles it. Anything
   * else admit() throws may come after the enqueue (a drop listener's Error, say): such a holder is
   * left to the collector rather than risk recycling one still queued.
   */
  private OfferResult admitHeld(Object entry, int count, long weight, OverflowPolicy policy)
      throws InterruptedException {
    OfferResult result;
    try {
      result = admit(entry, count, weight, policy);
    } catch (InterruptedException e) {
      holders.recycle(entry); // interrupted while blocked: nothing was reserved or queued
      throw e;
    }
    if (result != OfferResult.ACCEPTED && result != OfferResult.ACCEPTED_AFTER_DROP) {
      holders.recycle(entry);
    }
    return result;
  }

  /** Offers a batch under the configured policy. */
  public OfferResult offerBatch(Collection<? extends T> batch) throws InterruptedException {
    return offerBatch(batch, config.overflowPolicy());
  }

  /**
   * Offers a batch, all or nothing, under {@code policy}. An empty batch is ACCEPTED and counts
   * nothing. The items are copied during the call (by index from a RandomAccess list, else by
   * iteration), so the caller may reuse the collection as soon as the call returns; a collection
   * changed during the call gives what the copy saw.
   *
   * @throws NullPointerException if the batch or one of its items is null
   * @throws IllegalArgumentException if the batch holds more items than the capacity, or weighs
   *     more than {@code max-bytes}, naming both sizes
   * @throws InterruptedException if interrupted while blocked; nothing is admitted (and the items
   *     are counted as rejected)
   */
  public OfferResult offerBatch(Collection<? extends T> batch, OverflowPolicy policy)
      throws InterruptedException {
    Objects.requireNonNull(policy, "policy");
    int size = batch.size();
    if (size == 0) {
      return OfferResult.ACCEPTED;
    }
    holders.requireFits(size);
    Batch entry = holders.copyOf(batch, size);
    if (entry.size <= 1) { // one item (or none, from a collection emptied meanwhile): no batch
      Object only = entry.size == 0 ? null : entry.items[0];
      holders.recycle(entry);
      if (only == null) {
        return OfferResult.ACCEPTED;
      }
      @SuppressWarnings("unchecked")
      T item = (T) only;
      return offer(item, policy);
    }
    long weight;
    try {
      weight = weighBatch(entry);
      entry.weight = weight;
    } catch (RuntimeException e) {
      holders.recycle(entry);
      throw e;
    }
    return admitHeld(entry, entry.size, weight, policy);
  }

  @SuppressWarnings("unchecked")
  private long weighBatch(Batch batch) {
    if (weigher == null) {
      return 0;
    }
    long weight = 0;
    for (int i = 0; i < batch.size; i++) {
      weight += weigh((T) batch.items[i]);
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
    return weight;
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
              + " bytes; expected "
              + (config.maxBytes() > 0 ? "0.." + config.maxBytes() + " (max-bytes)" : "0 or more"));
    }
    return weight;
  }

  private OfferResult admit(Object entry, int count, long weight, OverflowPolicy requested)
      throws InterruptedException {
    OverflowPolicy policy = requested;
    boolean foundFull = false;
    long foundFullAt = 0;
    while (true) {
      if (closed) {
        return refuse(count, OfferResult.CLOSED);
      }
      // BLOCK is first come, first served: while producers wait, a newcomer queues behind them
      // instead of taking the room a release just made for the longest waiter.
      boolean queueBehind = policy == OverflowPolicy.BLOCK && blocked.any();
      long reservation = queueBehind ? NOT_RESERVED : reserve(count, weight);
      if (reservation != NOT_RESERVED) {
        return enqueueReserved(entry, count, weight, reservation, OfferResult.ACCEPTED);
      }
      // Only now, off the fast path: the lock's owner field is written by every drain, and reading
      // it on each offer would cost the producer a cache miss.
      if ((policy == OverflowPolicy.BLOCK || policy == OverflowPolicy.CALLER_RUNS)
          && consumerLock.isHeldByCurrentThread()) {
        policy = OverflowPolicy.REJECT; // the consumer must never wait on itself
        continue;
      }
      switch (policy) {
        case BLOCK -> {
          long waited = awaitSpace(count, weight);
          if (waited == NOT_RESERVED) {
            BufferOverflowEvent.emit(name(), policy, count, 0, 0);
            return refuse(count, OfferResult.REJECTED);
          }
          if (waited == CLOSED_WHILE_WAITING) {
            return refuse(count, OfferResult.CLOSED);
          }
          return enqueueReserved(entry, count, weight, waited, OfferResult.ACCEPTED);
        }
        case DROP_OLDEST -> {
          return admitDroppingOldest(entry, count, weight);
        }
        case CALLER_RUNS -> {
          if (!foundFull) {
            foundFull = true;
            foundFullAt = System.nanoTime();
          }
          OfferResult ran = runInCallerUnlessBackingOff(entry, count, weight, foundFullAt);
          if (ran != null) {
            return ran;
          }
        }
        default -> {
          BufferOverflowEvent.emit(name(), policy, count, 0, 0);
          return refuse(count, OfferResult.REJECTED);
        }
      }
    }
  }

  /**
   * Enqueues what was reserved, unless the buffer closed meanwhile. The reservation (a volatile CAS
   * on {@link #occupancy}) comes before this read of {@link #closed}, and close() writes closed
   * before it reads the occupancy: so either this offer sees closed and gives its room back, or
   * close() sees the reserved items and waits for them to be enqueued and delivers them. No item
   * can be stranded in a closed buffer.
   *
   * <p>Called at once after the reservation, and nothing from the reservation to the enqueue may
   * throw or allocate unguarded: in an {@link EntryRing} the reservation claimed a place, and a
   * place claimed and never written would stop every consumer at it, as a slot claimed in an
   * MpscArrayQueue does. (BLOCK's wait leaves its queue and adds to an AtomicLong in between, which
   * allocates nothing.) An Error in here abandons the place; a stack overflow on the way here is
   * the one error nothing guards against.
   */
  private OfferResult enqueueReserved(
      Object entry, int count, long weight, long reservation, OfferResult result) {
    if (closed) {
      abandon(reservation, count, weight);
      return refuse(count, OfferResult.CLOSED);
    }
    Object queued;
    try {
      queued = holders.withWeight(entry, weight);
      // Counted before the enqueue (the enqueue counts the first item), so that no snapshot shows
      // an item drained but not admitted.
      if (count > 1) {
        counters.batchAdmitted(count);
      }
    } catch (Error e) { // no memory (for a holder, a counter cell): admit nothing, hold no room
      abandon(reservation, count, weight);
      counters.rejected(count);
      throw e;
    }
    // Never fails: the room bounds the entries (see EntryQueue#put).
    entries.put(reservation, queued);
    return result;
  }

  /**
   * Gives up what {@code reservation} holds: its place, if it claimed one, is abandoned (see {@link
   * EntryQueue#abandon}), and the room goes back.
   */
  private void abandon(long reservation, int count, long weight) {
    int items = entries.abandon(reservation, count);
    if (items == count) {
      release(count, weight);
      return;
    }
    release(items, 0); // a ring counts no bytes
    // Only after the place is written: a poll under this lock waits for claimed places.
    removalLock.lock();
    try {
      entries.passAbandoned();
    } finally {
      removalLock.unlock();
    }
    blocked.wakeAllIfAny(); // for the item of room a pass gave back, if this one passed its own
    counters.abandoned(); // last (it may allocate): the ring counts the place as an entry enqueued
  }

  private OfferResult refuse(int count, OfferResult result) {
    counters.rejected(count);
    return result;
  }

  /**
   * Reserves room for {@code count} items and {@code weight} bytes, both or neither.
   *
   * @return the reservation (see {@link Occupancy#tryReserve}), to be put or abandoned; or {@link
   *     #NOT_RESERVED}
   */
  private long reserve(int count, long weight) {
    // What was held matters only above the high-water mark, or always for the flusher's wake-ups.
    long exactAbove = flusher == null ? counters.highWaterItems() : -1;
    long before = occupancy.tryReserve(count, weight, capacity, exactAbove);
    if (before < 0) {
      return NOT_RESERVED;
    }
    long now = Occupancy.items(before);
    if (config.maxBytes() > 0) { // bytes are counted only against max-bytes
      counters.heldBytes(Occupancy.bytes(before) + weight);
    }
    counters.heldItems(now + count);
    if (flusher != null) {
      if (now == 0) {
        firstWaitingNanos = System.nanoTime();
        if (flusherIdle) {
          flusher.wake();
        }
      } else if (now < flusher.flushSize() && now + count >= flusher.flushSize()) {
        flusher.wake(); // a full batch waits: flush early instead of lingering
      }
    }
    return before;
  }

  /**
   * BLOCK: waits, first come first served, for room.
   *
   * @return the reservation; or {@link #NOT_RESERVED} when the block timeout passed, or {@link
   *     #CLOSED_WHILE_WAITING}
   */
  private long awaitSpace(int count, long weight) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + config.blockTimeout().toNanos();
    counters.blocked();
    try {
      blocked.enter();
    } catch (InterruptedException e) {
      counters.blockedFor(System.nanoTime() - start);
      counters.rejected(count); // an interrupted offer is refused: the identity stays exact
      throw e;
    }
    try {
      while (!closed) {
        long reservation = reserve(count, weight);
        if (reservation != NOT_RESERVED) {
          return reservation;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return NOT_RESERVED;
        }
        try {
          blocked.park(left);
        } catch (InterruptedException e) {
          counters.rejected(count);
          throw e;
        }
      }
      return CLOSED_WHILE_WAITING;
    } finally {
      blocked.leave();
      counters.blockedFor(System.nanoTime() - start);
    }
  }

  /**
   * DROP_OLDEST: drops the oldest entries until this offer fits. The room a drop frees is kept by
   * this offer (the counters are not lowered and raised again), so a concurrent offer cannot take
   * it and force a second, needless drop; room dropped beyond the need goes back at the end. The
   * drop listener runs after the enqueue, so no user code runs while room is held.
   */
  private OfferResult admitDroppingOldest(Object entry, int count, long weight) {
    int heldItems = 0;
    long heldBytes = 0;
    long droppedItems = 0;
    Object firstDropped = null;
    List<Object> moreDropped = null; // allocated only when one offer drops several entries
    int emptySpins = 0;
    OfferResult result;
    Error enqueueError = null;
    removalLock.lock();
    try {
      while (true) {
        if (closed) {
          release(heldItems, heldBytes);
          result = refuse(count, OfferResult.CLOSED);
          break;
        }
        int needItems = Math.max(0, count - heldItems);
        // Without a byte bound no bytes are counted (dropped items bring none): none are needed.
        long needBytes = config.maxBytes() > 0 ? Math.max(0, weight - heldBytes) : 0;
        // Even with all the room held from drops: a reservation of nothing claims the entry's
        // place in an EntryRing, and cannot fail.
        long reservation = reserve(needItems, needBytes);
        if (reservation != NOT_RESERVED) {
          OfferResult admitted =
              firstDropped == null ? OfferResult.ACCEPTED : OfferResult.ACCEPTED_AFTER_DROP;
          try {
            result = enqueueReserved(entry, count, weight, reservation, admitted);
          } catch (Error e) {
            // Refused and counted in there; the spare room still goes back and what was dropped
            // still goes to the listener (dropped items nobody is told of are lost silently).
            enqueueError = e;
            result = OfferResult.REJECTED;
          }
          // Only after the enqueue: an offer that takes this spare room must queue behind us.
          int extraItems = heldItems + needItems - count;
          long extraBytes = heldBytes + needBytes - weight;
          if (extraItems > 0 || extraBytes > 0) {
            release(extraItems, extraBytes);
          }
          break;
        }
        Object oldest = entries.poll();
        if (oldest == null) {
          // Nothing queued, yet the room is taken: by an offer between its reservation and its
          // enqueue (a few instructions), or by a delivery in progress. Give back what we hold
          // and let go of the lock, so that the consumer can give its room back, then look again.
          release(heldItems, heldBytes);
          heldItems = 0;
          heldBytes = 0;
          if (++emptySpins > EntryTaker.SPIN_LIMIT) {
            BufferOverflowEvent.emit(name(), OverflowPolicy.DROP_OLDEST, count, droppedItems, 0);
            result = refuse(count, OfferResult.REJECTED); // a slow delivery holds the room
            break;
          }
          removalLock.unlock();
          try {
            Thread.onSpinWait();
          } finally {
            removalLock.lock();
          }
          continue;
        }
        int size = EntryHolders.sizeOf(oldest);
        heldItems += size;
        // As admitted: the weigher does not run under the lock.
        heldBytes += EntryHolders.weightOf(oldest);
        counters.dropped(size);
        droppedItems += size;
        if (firstDropped == null) {
          firstDropped = oldest;
        } else {
          if (moreDropped == null) {
            moreDropped = new ArrayList<>();
          }
          moreDropped.add(oldest);
        }
      }
    } finally {
      removalLock.unlock();
    }
    Error error = enqueueError;
    if (firstDropped != null) {
      if (result != OfferResult.REJECTED) {
        BufferOverflowEvent.emit(name(), OverflowPolicy.DROP_OLDEST, 0, droppedItems, 0);
      }
      error = notifyDropped(firstDropped, error);
      if (moreDropped != null) {
        for (Object more : moreDropped) {
          error = notifyDropped(more, error);
        }
      }
    }
    if (error != null) {
      throw error; // only after every dropped item was handed over
    }
    return result;
  }

  /**
   * Hands a dropped entry's items to the drop listener, then recycles its holder. An Error the
   * listener throws does not stop the others from being handed over (a drop nobody sees is an item
   * lost silently): the first one is returned, later ones are added to it as suppressed.
   */
  @SuppressWarnings("unchecked")
  private Error notifyDropped(Object entry, Error first) {
    if (entry instanceof Batch batch) {
      for (int i = 0; i < batch.size; i++) {
        first = notifyDroppedItem((T) batch.items[i], first);
      }
    } else {
      first = notifyDroppedItem((T) EntryHolders.itemOf(entry), first);
    }
    holders.recycle(entry);
    return first;
  }

  private Error notifyDroppedItem(T item, Error first) {
    try {
      dropListener.accept(item);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "buffer '" + name() + "': drop listener threw", e);
    } catch (Error e) {
      if (first == null) {
        return e;
      }
      if (e != first) { // a listener may throw one Error instance again
        first.addSuppressed(e);
      }
    }
    return first;
  }

  /**
   * CALLER_RUNS on a full buffer: takes the consumer's role and {@linkplain #runInCaller runs the
   * offer in the caller}, unless another thread holds the role and the offer first found the buffer
   * full less than {@link #callerRunsBackOffNanos} ago. Then it yields and returns {@code null},
   * and the offer looks for room again.
   *
   * <p>Why back off: the thread holding the role is delivering, which is what makes room, and only
   * one thread delivers at a time, so queueing for the role adds no delivering. It does add cost to
   * the deliverer: a thread parked in the lock's queue must be woken by the unlock that ends each
   * delivery, a system call on the deliverer's own thread, and a deliverer that takes the lock
   * again at once (as a flusher or a drain loop does) pays that call on every delivery while the
   * woken thread finds the lock taken and parks again: a lock convoy. Measured under overload
   * ({@code BufferOverloadBenchmark}, docs/benchmarks.md), backing off took CALLER_RUNS from 1.08x
   * to 1.64x BLOCK with 8 producers (1.74x to 2.16x with 2). Yielding leaves the core to the
   * deliverer where they share one (where nothing else is runnable, {@code Thread.yield} returns at
   * once and this is a spin); the time is checked between yields, so the back-off lasts about that
   * long, and past it the offer waits for the role on the consumer lock ({@link #awaitRole}). That
   * lock is not fair, and a backing-off offer that finds the role free takes it even while others
   * are queued for it: making it wait behind them (measured) cost the wake-up of each queued thread
   * in turn again, and with 8 producers took CALLER_RUNS down to 0.76x BLOCK.
   *
   * @return the offer's outcome, or {@code null} to look for room again
   */
  private OfferResult runInCallerUnlessBackingOff(
      Object entry, int count, long weight, long foundFullAt) throws InterruptedException {
    if (!consumerLock.tryLock()) {
      if (System.nanoTime() - foundFullAt < callerRunsBackOffNanos) {
        yieldToDeliverer();
        return null;
      }
      if (!awaitRole(count)) {
        return null;
      }
    }
    try {
      return runInCaller(entry, count, weight);
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Waits up to {@link #ROLE_WAIT_SLICE_NANOS} for the consumer's role. The wait is sliced because
   * nothing can wake a thread parked on a lock but its unlock or an interrupt, and the deliverer
   * may hold the lock for as long as its handler takes: between slices the offer (back in the admit
   * loop) sees {@link #closed}, which is how {@link #close()} ends it within a slice, and looks for
   * room again. A slice is long against a delivery that frees room, so a wait that ends by the
   * unlock (the usual case) costs what {@code lock()} did.
   *
   * @return whether the role is now held by this thread
   * @throws InterruptedException if interrupted while waiting; the offer is counted as rejected
   */
  private boolean awaitRole(int count) throws InterruptedException {
    try {
      return consumerLock.tryLock(ROLE_WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      counters.rejected(count); // nothing was reserved or queued: the identity stays exact
      throw e;
    }
  }

  @SuppressWarnings("ThreadPriorityCheck") // a bounded back-off, see runInCallerUnlessBackingOff
  private static void yieldToDeliverer() {
    Thread.yield();
  }

  /**
   * CALLER_RUNS, with the consumer's role held: deliver everything queued ahead of this offer
   * (which includes all of this producer's earlier items, so its order holds), then this offer's
   * items, without buffering them.
   */
  @SuppressWarnings("unchecked")
  private OfferResult runInCaller(Object entry, int count, long weight) {
    if (closed) {
      return refuse(count, OfferResult.CLOSED);
    }
    long reservation = reserve(count, weight);
    if (reservation != NOT_RESERVED) { // the deliverer freed room while we waited for the role
      return enqueueReserved(entry, count, weight, reservation, OfferResult.ACCEPTED);
    }
    // At most `capacity` items were queued when this offer began; delivering that many (or
    // until empty) passes every entry that was ahead of it.
    long budget = config.capacity();
    while (budget > 0) {
      int delivered = deliverLocked(taker.take(config.drainBatchSize(), true));
      if (delivered == 0) {
        break;
      }
      budget -= delivered;
    }
    // The consumer's reusable list, free while this thread holds the role: no list per call.
    List<T> own = taker.taken();
    own.clear();
    EntryHolders.addItems(entry, own); // a batch's offer recycles its holder: it was never queued
    counters.callerRan(count);
    BufferOverflowEvent.emit(name(), OverflowPolicy.CALLER_RUNS, 0, 0, count);
    try {
      handler.handle(own);
    } catch (RuntimeException e) {
      fail(0, e);
    } finally {
      own.clear();
    }
    return OfferResult.CALLER_RAN;
  }

  /**
   * Delivers up to {@code drain-batch-size} items to the handler, in order, as one batch; an
   * admitted batch is never split, so a delivered batch may be larger. A handler that throws hands
   * the batch to the error handler; the items count as drained and failed.
   *
   * <p>It takes what is enqueued and never waits for a producer: an offer still between its
   * reservation and its enqueue (a few instructions), and whatever other producers enqueued after
   * it, are left for the next drain, so a drain may return 0 while items wait. The flusher and
   * {@link #close()} do wait for such offers.
   *
   * @return how many items were taken out of the buffer (0 when it was empty)
   */
  public int drain() {
    consumerLock.lock();
    try {
      return deliverLocked(taker.takeEnqueued(config.drainBatchSize()));
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Hands up to {@code maxItems} items, in order, to {@code consumer}, one call per item. An
   * admitted batch is never split: if the first waiting batch alone is larger than {@code
   * maxItems}, all of it is handed over. If the consumer throws, the items it did not take
   * (starting with the one it threw on) go to the error handler and count as failed; the method
   * returns normally. Like {@link #drain()}, it never waits for an offer in flight.
   *
   * @return how many items were taken out of the buffer
   * @throws IllegalArgumentException if {@code maxItems} is below 1
   */
  public int drain(Consumer<? super T> consumer, int maxItems) {
    Objects.requireNonNull(consumer, "consumer");
    requirePositive("maxItems", maxItems);
    consumerLock.lock();
    try {
      long weight = taker.takeEnqueued(maxItems);
      List<T> taken = taker.taken();
      int count = taken.size();
      int handed = 0;
      try {
        for (; handed < count; handed++) {
          consumer.accept(taken.get(handed));
        }
      } catch (RuntimeException e) {
        fail(handed, e);
      } finally {
        finishLocked(count, weight);
      }
      return count;
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Appends up to {@code maxItems} items, in order, to {@code target}: with a list reused across
   * calls (and presized), this allocates nothing. The items' room is free as soon as they are in
   * the list (the caller owns them now), and this drain is linearizable with the offers. An
   * admitted batch is never split (see {@link #drain(Consumer, int)}). If the list refuses an item,
   * the items not added go to the error handler and count as failed.
   *
   * @return how many items were taken out of the buffer
   * @throws IllegalArgumentException if {@code maxItems} is below 1
   */
  public int drainTo(List<? super T> target, int maxItems) {
    Objects.requireNonNull(target, "target");
    requirePositive("maxItems", maxItems);
    consumerLock.lock();
    try {
      int count = takeReleasingRoom(maxItems, true);
      List<T> taken = taker.taken();
      int added = 0;
      try {
        for (; added < count; added++) {
          target.add(taken.get(added));
        }
      } catch (RuntimeException e) {
        fail(added, e);
      } finally {
        countDrained(count);
      }
      return count;
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Copies up to {@code target.length} items, in order, into {@code target} from index 0; the slots
   * after the returned count are left as they were. Allocates nothing. An admitted batch is never
   * split: one that does not fit stays for the next call.
   *
   * @return how many items were written (and taken out of the buffer)
   * @throws IllegalArgumentException if the array is empty, or the next waiting batch is larger
   *     than the array (naming both sizes; the batch stays in the buffer)
   */
  public int drainTo(T[] target) {
    Objects.requireNonNull(target, "target");
    requirePositive("target.length", target.length);
    consumerLock.lock();
    try {
      int count = takeReleasingRoom(target.length, false);
      if (count == 0 && taker.pendingBatchSize() > 0) {
        throw new IllegalArgumentException(
            "buffer '"
                + name()
                + "': the next batch holds "
                + taker.pendingBatchSize()
                + " items, more than the array of "
                + target.length);
      }
      List<T> taken = taker.taken();
      for (int i = 0; i < count; i++) {
        target[i] = taken.get(i);
      }
      countDrained(count);
      return count;
    } finally {
      consumerLock.unlock();
    }
  }

  private static void requirePositive(String argument, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(argument + " must be at least 1, was " + value);
    }
  }

  /**
   * Delivers what the taker has just taken, which weighs {@code weight}, to the handler; under the
   * consumer lock.
   */
  private int deliverLocked(long weight) {
    List<T> taken = taker.taken();
    int count = taken.size();
    if (count == 0) {
      blocked.wakeAllIfAny(); // see finishLocked
      return 0;
    }
    try {
      handler.handle(taken);
    } catch (RuntimeException e) {
      fail(0, e);
    } finally {
      finishLocked(count, weight);
    }
    return count;
  }

  /**
   * Takes for a caller's own list or array, giving the room back at once (see {@link
   * EntryTaker#takeAndRelease}), and wakes blocked producers.
   *
   * @return how many items were taken
   */
  private int takeReleasingRoom(int max, boolean oversize) {
    taker.takeAndRelease(max, oversize);
    // After the CAS or add that gave the room back, a full fence; even after a take of nothing,
    // which may have passed abandoned places (see finishLocked).
    blocked.wakeAllIfAny();
    return taker.taken().size();
  }

  /** Counts a drain whose room was given back already; clears the reusable list. */
  private void countDrained(int count) {
    taker.taken().clear();
    if (count > 0) {
      counters.drained(count);
    }
  }

  /**
   * Counts a delivery and gives its room back; clears the reusable list. A take of nothing still
   * wakes blocked producers: it may have passed abandoned places in an {@link EntryRing}, each of
   * which gave an item of room back (a full fence) that a BLOCK offer may be waiting for.
   */
  private void finishLocked(int count, long weight) {
    taker.taken().clear();
    if (count == 0) {
      blocked.wakeAllIfAny();
    } else {
      counters.drained(count);
      // Under the removal lock: a DROP_OLDEST offer that found the buffer full does not see room
      // appear between that check and its drop (it would drop an entry it did not need to).
      removalLock.lock();
      try {
        release(count, weight);
      } finally {
        removalLock.unlock();
      }
    }
  }

  /** The consumer threw: the taken items {@code from..} go to the error handler. */
  private void fail(int from, RuntimeException error) {
    List<T> taken = taker.taken();
    List<T> rest = from == 0 ? taken : taken.subList(from, taken.size());
    counters.failed(rest.size());
    try {
      errorHandler.onError(rest, error);
    } catch (RuntimeException e) {
      e.addSuppressed(error);
      LOG.log(System.Logger.Level.ERROR, "buffer '" + name() + "': error handler threw", e);
    }
  }

  /** Gives room back and wakes blocked producers. */
  private void release(int count, long weight) {
    occupancy.release(count, weight);
    blocked.wakeAllIfAny(); // after the addAndGet above, a full fence: no lost wake-up
  }

  /**
   * Admits only {@code pressure-capacity-fraction} of the capacity under CRITICAL pressure, all of
   * it otherwise. Items already in stay; producers feel the lower bound on their next offer.
   */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    critical = current == MemoryPressure.CRITICAL;
    applyCapacity();
  }

  /**
   * Sets the capacity admitted from now on, 1 to the configured capacity (the queue is sized for
   * that). Items already in stay; under CRITICAL pressure, {@code pressure-capacity-fraction} of
   * this is admitted.
   *
   * @throws IllegalArgumentException if {@code capacity} is out of range, naming it and the range
   */
  public void setCapacity(int capacity) {
    if (capacity < 1 || capacity > config.capacity()) {
      throw new IllegalArgumentException(
          "buffer '"
              + name()
              + "': capacity must be in 1.."
              + config.capacity()
              + " (the configured capacity), was "
              + capacity);
    }
    baseCapacity = capacity;
    applyCapacity();
  }

  /** Whether {@code thread} is parked waiting for the consumer's role; for tests. */
  boolean isQueuedForConsumerRole(Thread thread) {
    return consumerLock.hasQueuedThread(thread);
  }

  int baseCapacity() {
    return baseCapacity;
  }

  /** Synchronized: a pressure change and a capacity change never interleave their writes. */
  private synchronized void applyCapacity() {
    int before = capacity;
    int base = baseCapacity;
    capacity =
        critical ? (int) Math.max(1, Math.floor(base * config.pressureCapacityFraction())) : base;
    if (capacity > before) {
      blocked.wakeAllIfAny();
    }
  }

  /** Items in the buffer now (including room reserved by offers in progress). */
  public long size() {
    return occupancy.items();
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * A snapshot of the counters. {@code drained}, then {@code dropped} are read before what was
   * admitted, so {@code accepted} is never negative nor below what the snapshot shows drained;
   * {@code offered} is the sum of the outcomes (an offer counts when it completes: one counter less
   * on the hot path, and the identity cannot drift).
   */
  public BufferStats stats() {
    return counters.snapshot(name(), entries, occupancy, capacity);
  }

  /** Delivers everything buffered (used by the flusher); returns how many items were taken. */
  long flushAll() {
    long total = 0;
    int delivered;
    while ((delivered = drainReserved()) > 0) {
      total += delivered;
    }
    return total;
  }

  /**
   * Like {@link #drain()}, but waits (briefly) for offers between their reservation and their
   * enqueue: a flush takes whatever was reserved when it began, so that no item waits another
   * linger for want of a few instructions.
   */
  private int drainReserved() {
    consumerLock.lock();
    try {
      return deliverLocked(taker.take(config.drainBatchSize(), true));
    } finally {
      consumerLock.unlock();
    }
  }

  /**
   * Stops admitting (later offers get {@link OfferResult#CLOSED}), wakes every blocked producer
   * (they get CLOSED), stops the flusher after its final flush, and delivers everything still
   * buffered to the handler on this thread within {@code close-timeout}. Idempotent: later calls
   * return at once. Called from inside the handler, it does not deliver (that would re-enter the
   * handler): the flusher's final flush, or the next drain, delivers the rest.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (jmx != null) {
      jmx.close();
    }
    long deadline = System.nanoTime() + config.closeTimeout().toNanos();
    closed = true; // volatile write before reading items: see enqueueReserved
    blocked.wakeAll();
    if (flusher != null) {
      flusher.stop(deadline);
    }
    if (consumerLock.isHeldByCurrentThread()) {
      // close() from inside the handler: delivering here would re-enter the handler. The flusher
      // (or the caller's next drain) delivers what is left after this delivery returns.
      return;
    }
    while (occupancy.items() > 0 && System.nanoTime() - deadline < 0) {
      if (drainReserved() == 0) {
        Thread.onSpinWait(); // an offer in flight is enqueueing what it reserved
      }
    }
    long left = occupancy.items();
    if (left > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "buffer '"
              + name()
              + "': close-timeout "
              + config.closeTimeout()
              + " passed with "
              + left
              + " items still buffered");
    }
  }

  /** Builds a {@link BoundedBatchBuffer}. */
  public static final class Builder<T> {
    private final BufferConfig config;
    private final BatchHandler<T> handler;
    private ToLongFunction<? super T> weigher;
    private Consumer<? super T> dropListener = item -> {};
    private BatchErrorHandler<T> errorHandler;
    private Boolean jmx;
    private Duration callerRunsBackOff = CALLER_RUNS_BACK_OFF;

    private Builder(BufferConfig config, BatchHandler<T> handler) {
      this.config = Objects.requireNonNull(config, "config");
      this.handler = Objects.requireNonNull(handler, "handler");
      this.errorHandler =
          (batch, error) ->
              LOG.log(
                  System.Logger.Level.WARNING,
                  "buffer '"
                      + config.name()
                      + "': consumer failed on a batch of "
                      + batch.size()
                      + " items",
                  error);
    }

    /**
     * Weighs items for the {@code max-bytes} bound; required when the config has one. It runs once
     * per item, when the item is offered (before any room is reserved); the bytes given back on
     * delivery or drop are the weight it gave then. A weigher that throws or returns a negative
     * weight fails that offer, which admits nothing.
     */
    public Builder<T> weigher(ToLongFunction<? super T> weigher) {
      this.weigher = Objects.requireNonNull(weigher, "weigher");
      return this;
    }

    /**
     * Receives each item dropped under {@link OverflowPolicy#DROP_OLDEST}, on the dropping thread,
     * after the dropping offer's own items are queued. A RuntimeException it throws is logged and
     * the next item is handed over; an Error is rethrown from the offer, but only after every item
     * that offer dropped was handed over (further Errors are added to it as suppressed).
     */
    public Builder<T> dropListener(Consumer<? super T> dropListener) {
      this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
      return this;
    }

    /**
     * Registers the buffer's {@link BufferMXBean} as {@code io.heapwise:type=Buffer,name=<name>}
     * (until close); overrides the config's {@code jmx} key.
     */
    public Builder<T> jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    /** For tests: how long a CALLER_RUNS offer backs off before queueing for the consumer role. */
    Builder<T> callerRunsBackOff(Duration backOff) {
      Objects.requireNonNull(backOff, "backOff");
      if (backOff.isNegative()) {
        throw new IllegalArgumentException(
            "buffer '"
                + config.name()
                + "': caller-runs back-off must be 0 or more, was "
                + backOff);
      }
      this.callerRunsBackOff = backOff;
      return this;
    }

    /** Receives the items a consumer threw on; the default logs a warning. */
    public Builder<T> errorHandler(BatchErrorHandler<T> errorHandler) {
      this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
      return this;
    }

    /**
     * Builds the buffer, registers its MXBean with {@code jmx}, and starts its flusher thread when
     * the config has {@code flusher=true}.
     *
     * @throws IllegalStateException if the config has {@code max-bytes} but no weigher was given,
     *     or the buffer's ObjectName is already registered (naming it)
     */
    public BoundedBatchBuffer<T> build() {
      if (config.maxBytes() > 0 && weigher == null) {
        throw new IllegalStateException(
            "buffer '" + config.name() + "': max-bytes is set, so a weigher is required");
      }
      BoundedBatchBuffer<T> buffer = new BoundedBatchBuffer<>(this);
      if (jmx == null ? config.jmx() : jmx) {
        buffer.jmx =
            JmxRegistration.register(
                new BufferJmx(buffer),
                "Buffer",
                buffer.name()); // before the flusher: a failure leaves no thread
      }
      if (buffer.flusher != null) {
        buffer.flusher.start();
      }
      return buffer;
    }
  }
}
