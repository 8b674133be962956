package io.heapwise.buffer;

import java.util.List;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;

/**
 * Lincheck operations on a buffer of two items: offer and offerBatch (all or nothing), rejected
 * when there is no room. {@link BufferLincheckTest} adds the drain; with a byte bound, the offers
 * alone are the model for real threads (see {@link WeighedBufferLincheckTest#stressModel}).
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class BufferOfferOperations {

  static final int CAPACITY = 2;

  /**
   * With a weigher (an item weighs its value, 1 to 9): a byte bound that two items can pass while
   * the item bound ({@link #CAPACITY}) still binds, so that either bound can be the one that
   * refuses, and one offer can fail on bytes while another fails on items.
   */
  static final long MAX_BYTES = 12;

  final BoundedBatchBuffer<Integer> buffer = newBuffer(weighed());

  /** Whether items weigh their value and are queued with it; the models with a weigher say yes. */
  boolean weighed() {
    return false;
  }

  private static BoundedBatchBuffer<Integer> newBuffer(boolean weighed) {
    BufferConfig.Builder config =
        BufferConfig.builder("lincheck")
            .capacity(CAPACITY)
            .overflowPolicy(OverflowPolicy.REJECT)
            .drainBatchSize(16);
    if (weighed) {
      config.maxBytes(MAX_BYTES);
    }
    BoundedBatchBuffer.Builder<Integer> builder =
        BoundedBatchBuffer.<Integer>builder(config.build(), batch -> {});
    if (weighed) {
      builder.weigher(Integer::longValue);
    }
    return builder.build();
  }

  /** Offers one item; REJECTED when the two places are taken. */
  @Operation
  public OfferResult offer(@Param(name = "value") int value) throws InterruptedException {
    return buffer.offer(value);
  }

  /** Offers two items, both or neither. */
  @Operation
  public OfferResult offerBatch(@Param(name = "value") int first, @Param(name = "value") int second)
      throws InterruptedException {
    return buffer.offerBatch(List.of(first, second));
  }

  /** After each run the counters balance: offered = accepted + rejected + dropped + callerRan. */
  @Validate
  public void countsBalance() {
    BufferStats stats = buffer.stats();
    long outcomes = stats.accepted() + stats.rejected() + stats.dropped() + stats.callerRan();
    if (stats.offered() != outcomes
        || stats.accepted() != stats.drained() + stats.items()
        || stats.items() > CAPACITY
        || stats.bytes() > (weighed() ? MAX_BYTES : 0)
        || (stats.items() == 0 && stats.bytes() != 0)) {
      throw new IllegalStateException("counts do not balance: " + stats);
    }
  }
}
