package io.heapwise.buffer;

import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;

/**
 * {@link BufferLincheckTest}'s model on a buffer with a weigher: each single item travels in a
 * recycled holder with the weight it was admitted at, and the byte bound (12 bytes, items weighing
 * 1 to 9) decides which offers are rejected.
 *
 * <p>The item bound (16) is out of the bytes' reach on purpose. An offer reserves items first and
 * bytes second; one that then fails on bytes holds its item room for a moment, and a concurrent
 * offer that needed that room is rejected although some sequential order would admit it. Lincheck
 * found that history with both bounds in reach (two items, 12 bytes). The bounds themselves are
 * never exceeded, and each offer still has exactly one outcome; the README and the class Javadoc
 * say so.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class WeighedBufferLincheckTest extends BufferLincheckTest {

  @Override
  boolean weighed() {
    return true;
  }

  @Override
  Class<? extends BufferOfferOperations> offersModel() {
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
