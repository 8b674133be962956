package io.heapwise.cache;

import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/**
 * Compares a {@link Sizer} with JOL's measured retained size (a full object-graph walk), for tests
 * only: JOL is a test dependency, and a graph walk is far too slow for a weigher. Objects reachable
 * twice from a sample are counted once by JOL and once per reference by most sizers.
 */
final class SizerCalibration {

  static {
    // JOL cannot read some JDK field offsets on JDK 17 without this.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private SizerCalibration() {}

  /** A sizer's estimate against JOL's measurement of one sample. */
  record Result(long estimated, long measured) {
    /** Estimated over measured: 1.0 is exact, 1.1 is 10% high. */
    double ratio() {
      return (double) estimated / measured;
    }

    @Override
    public String toString() {
      return "estimated " + estimated + " B, JOL measured " + measured + " B, ratio " + ratio();
    }
  }

  /** Weighs {@code sample} with {@code sizer} and with JOL. */
  static <T> Result measure(Sizer<? super T> sizer, T sample) {
    return new Result(sizer.sizeOf(sample), retainedBytes(sample));
  }

  /** JOL's retained size of everything reachable from {@code roots}, each object once. */
  static long retainedBytes(Object... roots) {
    return GraphLayout.parseInstance(roots).totalSize();
  }

  /** The shallow size of one instance of {@code type}: what {@link Sizers#object} takes. */
  static long shallowBytes(Class<?> type) {
    return ClassLayout.parseClass(type).instanceSize();
  }
}
