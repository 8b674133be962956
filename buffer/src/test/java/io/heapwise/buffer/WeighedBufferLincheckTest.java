package io.heapwise.buffer;

import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;

/**
 * {@link BufferLincheckTest}'s model on a buffer with a weigher: each single item travels in a
 * recycled holder with the weight it was admitted at, and the byte bound (12 bytes, items weighing
 * 1 to 9) decides which offers are rejected.
 *
 * <p>Both bounds are in reach: two items, 12 bytes. An offer reserves both with one CAS (see {@link
 * Occupancy}). When items were reserved first and bytes second, an offer that failed on bytes held
 * its item room for a moment, and a concurrent offer that needed that room was rejected although
 * every sequential order admits it: this model found that history.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class WeighedBufferLincheckTest extends BufferLincheckTest {

  @Override
  boolean weighed() {
    return true;
  }

  /**
   * Offers alone, on real threads. A drain waits only a few microseconds for an offer caught
   * between reserving room and enqueueing ({@code SPIN_LIMIT}); model checking lets that offer
   * finish, but real threads on a busy 2-core machine can be preempted right there for a whole time
   * slice, and the drain then returns without the item (by design: it comes with the next drain),
   * which no sequential order explains. So on real threads this form's model is offers against the
   * exact bounds; its drains on real threads are covered by BoundedBatchBufferStressIT, which
   * checks that every item is delivered exactly once.
   */
  @Override
  Class<? extends BufferOfferOperations> stressModel() {
    return WeighedOffers.class;
  }

  /** The offers-only model with a weigher, for the stress run. */
  @Param(name = "value", gen = IntGen.class, conf = "1:9")
  public static class WeighedOffers extends BufferOfferOperations {

    @Override
    boolean weighed() {
      return true;
    }
  }
}
