package io.heapwise.jmh.cache;

import java.util.SplittableRandom;

/**
 * A fixed sequence of boxed keys drawn from a Zipfian distribution (exponent 0.99, as YCSB and
 * Caffeine's GetPutBenchmark use), ranks scrambled so that hot keys are not neighbours. Boxed once
 * here, so a benchmark's lookup allocates nothing of its own.
 */
final class ZipfKeys {

  static final int SEQUENCE = 1 << 20;
  static final int MASK = SEQUENCE - 1;

  private ZipfKeys() {}

  /** {@link #SEQUENCE} keys over {@code 0 .. distinct - 1}. */
  static Long[] generate(int distinct, long seed) {
    double[] cumulative = new double[distinct];
    double sum = 0;
    for (int rank = 0; rank < distinct; rank++) {
      sum += 1.0 / Math.pow(rank + 1, 0.99);
      cumulative[rank] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] permutation = new long[distinct];
    for (int i = 0; i < distinct; i++) {
      permutation[i] = i;
    }
    for (int i = distinct - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long swap = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = swap;
    }
    Long[] boxed = new Long[distinct];
    for (int i = 0; i < distinct; i++) {
      boxed[i] = permutation[i];
    }
    Long[] keys = new Long[SEQUENCE];
    for (int i = 0; i < SEQUENCE; i++) {
      double target = random.nextDouble() * sum;
      int low = 0;
      int high = distinct - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulative[mid] < target) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      keys[i] = boxed[low];
    }
    return keys;
  }
}
