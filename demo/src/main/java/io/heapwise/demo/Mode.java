package io.heapwise.demo;

import java.util.Locale;

/** The two ways the demo runs the same service. */
enum Mode {
  /** The seed's design: {@code new}, an entry-bounded TTL map, an unbounded list. */
  PLAIN,
  /** Pools, a byte-budget cache, a bounded batch buffer, and the adaptive monitor. */
  HEAPWISE;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
