package io.heapwise.buffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of offer, offerBatch (all or nothing) and drain on a buffer of two items: every
 * concurrent history must match some sequential order of the same calls, including which offers
 * were REJECTED for lack of room, and which items each drain returned, in order (see {@link
 * #drain}). Drains run in one thread only (the single consumer). This buffer has no byte bound, so
 * it is an {@link EntryRing}; {@link WeighedBufferLincheckTest} checks the other form.
 *
 * <p>DROP_OLDEST is not in this model: it drops the oldest entry in queue order, and two concurrent
 * offers of different threads may be enqueued in the other order than they reserved room, so the
 * victim may differ from a strictly sequential buffer's (each item still has exactly one fate,
 * which BoundedBatchBufferStressIT checks under DROP_OLDEST).
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class BufferLincheckTest extends BufferOfferOperations {

  /**
   * The model that {@link #stress} runs on real threads: this one, drains included. The ring's
   * reservation claims the offer's place, and a drain waits for every place claimed before it ends,
   * however long the producer between its claim and its write is preempted.
   */
  Class<? extends BufferOfferOperations> stressModel() {
    return BufferLincheckTest.class;
  }

  /**
   * Takes everything waiting; only ever one consumer. In a ring, the order of the reservations
   * (where an offer linearizes: a concurrent offer may be rejected for it) is the order of the
   * entries, so the items come in the order of some sequential history. With a byte bound an offer
   * reserves its room a few instructions before it enqueues into a separate queue, so two
   * concurrent offers of different threads may be enqueued in the other order than they reserved:
   * that model gets the items sorted. Each thread's own order holds in both; the stress IT checks
   * it.
   */
  @Operation(nonParallelGroup = "consumer")
  public List<Integer> drain() {
    List<Integer> out = new ArrayList<>();
    buffer.drainTo(out, 16);
    if (weighed()) {
      Collections.sort(out);
    }
    return out;
  }

  @Test
  void modelChecking() {
    LinChecker.check(
        getClass(),
        new ModelCheckingOptions()
            // About 15-25 s on a busy 2-core machine.
            .iterations(6)
            .invocationsPerIteration(150)
            .threads(3)
            .actorsPerThread(2)
            .actorsBefore(1)
            .actorsAfter(1));
  }

  /** The model of {@link #stressModel()}, on real threads. */
  @Test
  void stress() {
    LinChecker.check(
        stressModel(),
        new StressOptions()
            .iterations(8)
            .invocationsPerIteration(1_000)
            .threads(3)
            .actorsPerThread(3));
  }
}
