package io.heapwise.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * An exact counter for a path that counts on every call (a cache hit): a thread that counts gets a
 * cell of its own, while cells last, and adds to it with an ordinary store, no atomic
 * read-modify-write; the other threads share a {@link LongAdder}.
 *
 * <p>A {@code LongAdder} is uncontended on one thread, but each increment is still a CAS, a locked
 * instruction that drains the store buffer: on a cache hit of about 50 ns it cost about a tenth of
 * the hit. A cell written only by its owner needs no CAS, since nobody else can race its update.
 *
 * <p>Cells are picked by a hash of the thread's id, so their number is fixed ({@link
 * #cellCountFor}) whatever the number of threads. A thread whose cell is owned by another live
 * thread counts in the shared adder, which costs what a plain {@code LongAdder} does. A cell whose
 * owner has died and been collected is taken over by the next thread that lands on it, with its
 * count, so a pool that replaces its threads does not wear the cells out.
 */
final class ThreadOwnedCounter {

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(Cell[].class);
  private static final VarHandle VALUE;
  private static final VarHandle OWNER;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      VALUE = lookup.findVarHandle(Cell.class, "value", long.class);
      OWNER = lookup.findVarHandle(Cell.class, "owner", WeakReference.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Cell[] cells;
  private final int mask;
  private final LongAdder shared = new LongAdder();

  /** A counter with {@link #cellCountFor} this machine's processors. */
  ThreadOwnedCounter() {
    this(cellCountFor(Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A counter with {@code cellCount} cells.
   *
   * @throws IllegalArgumentException if {@code cellCount} is not a positive power of two
   */
  ThreadOwnedCounter(int cellCount) {
    if (cellCount <= 0 || Integer.bitCount(cellCount) != 1) {
      throw new IllegalArgumentException(
          "cell count must be a positive power of two, was " + cellCount);
    }
    this.cells = new Cell[cellCount];
    this.mask = cellCount - 1;
  }

  /** Four cells per processor, as a power of two from 16 to 256: few threads share a cell. */
  static int cellCountFor(int processors) {
    int wanted = Math.max(16, Math.min(256, 4 * processors));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  /** Adds one. */
  void increment() {
    add(1);
  }

  /** Adds {@code count}. */
  void add(long count) {
    Thread thread = Thread.currentThread();
    long id = thread.getId();
    int index = indexOf(id);
    // Acquire pairs with the CAS that published the cell, so its fields are seen initialized.
    Cell cell = (Cell) CELLS.getAcquire(cells, index);
    if (cell != null && cell.ownerId == id) {
      // Only the owner writes `value`, so its own plain read is current. The opaque store keeps the
      // long whole for sum() on other threads and costs nothing more than a plain one.
      VALUE.setOpaque(cell, cell.value + count);
      return;
    }
    addWithoutOwnCell(thread, index, cell, count);
  }

  private void addWithoutOwnCell(Thread thread, int index, Cell cell, long count) {
    if (cell == null) {
      if (CELLS.compareAndSet(cells, index, null, new Cell(thread, count))) {
        return;
      }
    } else if (cell.takeOverFromDeadOwner(thread)) {
      // The CAS in takeOverFromDeadOwner ordered this read after the dead owner's last store.
      VALUE.setOpaque(cell, (long) VALUE.getVolatile(cell) + count);
      return;
    }
    shared.add(count);
  }

  /**
   * The count: exact once the counting threads are done; while they count, a value between the adds
   * finished before the call and those started before it returns. Like {@code LongAdder}'s, not an
   * atomic snapshot: it may count an add and miss an earlier one made on another thread.
   */
  long sum() {
    long sum = shared.sum();
    for (int i = 0; i < cells.length; i++) {
      Cell cell = (Cell) CELLS.getAcquire(cells, i);
      if (cell != null) {
        sum += (long) VALUE.getOpaque(cell);
      }
    }
    return sum;
  }

  /** What threads without a cell of their own counted; for tests. */
  long sharedSum() {
    return shared.sum();
  }

  /** How many threads own a cell now (live or not yet collected); for tests. */
  int ownedCells() {
    int owned = 0;
    for (int i = 0; i < cells.length; i++) {
      if (CELLS.getAcquire(cells, i) != null) {
        owned++;
      }
    }
    return owned;
  }

  private int indexOf(long threadId) {
    // Fibonacci hashing spreads sequential thread ids over the cells.
    return (int) ((threadId * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  /**
   * One thread's share of the count. No padding: each cell is allocated by its owner, in that
   * thread's own allocation buffer, so cells of different threads rarely share a cache line.
   */
  private static final class Cell {
    // Written by the thread that claims the cell, before it counts in it; checked on every add.
    volatile long ownerId;
    // Weak, so that the cell does not keep a finished thread (and its context class loader) alive,
    // and so that its clearing tells that the owner is gone.
    volatile WeakReference<Thread> owner;
    long value; // written only by the owner, with setOpaque; read by others with getOpaque

    Cell(Thread owner, long value) {
      this.ownerId = owner.getId();
      this.owner = new WeakReference<>(owner);
      this.value = value;
    }

    /**
     * Makes {@code thread} the owner if the previous one was collected. A thread is collected only
     * after it has terminated, and its last store was made visible by the collection's safepoint.
     */
    boolean takeOverFromDeadOwner(Thread thread) {
      WeakReference<Thread> previous = owner;
      if (previous.get() != null) {
        return false;
      }
      if (!OWNER.compareAndSet(this, previous, new WeakReference<>(thread))) {
        return false;
      }
      ownerId = thread.getId();
      return true;
    }
  }
}
