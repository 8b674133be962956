package io.heapwise.buffer;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of offer, offerBatch (all or nothing) and drain on a buffer of two items: every
 * concurrent history must match some sequential order of the same calls, including which offers
 * were REJECTED for lack of room, which items DROP_OLDEST removed, and what each drain returned, in
 * order and with batches whole. Drains run in one thread only (the single consumer).
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class BufferLincheckTest {

  private final BoundedBatchBuffer<Integer> buffer =
      BoundedBatchBuffer.<Integer>builder(
              BufferConfig.builder("lincheck")
                  .capacity(2)
                  .overflowPolicy(OverflowPolicy.REJECT)
                  .drainBatchSize(16)
                  .build(),
              batch -> {})
          .build();

  /** Offers one item; REJECTED when the two places are taken. */
  @Operation
  public OfferResult offer(@Param(name = "value") int value) throws InterruptedException {
    return buffer.offer(value);
  }

  /** Offers one item, dropping the oldest entry when full. */
  @Operation
  public OfferResult offerDroppingOldest(@Param(name = "value") int value)
      throws InterruptedException {
    return buffer.offer(value, OverflowPolicy.DROP_OLDEST);
  }

  /** Offers two items, both or neither. */
  @Operation
  public OfferResult offerBatch(@Param(name = "value") int first, @Param(name = "value") int second)
      throws InterruptedException {
    return buffer.offerBatch(List.of(first, second));
  }

  /** Takes everything waiting, in order; only ever one consumer. */
  @Operation(nonParallelGroup = "consumer")
  public List<Integer> drain() {
    List<Integer> out = new ArrayList<>();
    buffer.drainTo(out, 16);
    return out;
  }

  /** After each run the counters balance: offered = accepted + rejected + dropped + callerRan. */
  @Validate
  public void countsBalance() {
    BufferStats stats = buffer.stats();
    long outcomes = stats.accepted() + stats.rejected() + stats.dropped() + stats.callerRan();
    if (stats.offered() != outcomes
        || stats.accepted() != stats.drained() + stats.items()
        || stats.items() > 2) {
      throw new IllegalStateException("counts do not balance: " + stats);
    }
  }

  @Test
  void modelChecking() {
    LinChecker.check(
        BufferLincheckTest.class,
        new ModelCheckingOptions()
            // About 15-25 s on a busy 2-core machine.
            .iterations(6)
            .invocationsPerIteration(150)
            .threads(3)
            .actorsPerThread(2)
            .actorsBefore(1)
            .actorsAfter(1));
  }

  @Test
  void stress() {
    LinChecker.check(
        BufferLincheckTest.class,
        new StressOptions()
            .iterations(8)
            .invocationsPerIteration(1_000)
            .threads(3)
            .actorsPerThread(3));
  }
}
