package io.heapwise.monitor;

/** The monitor's time source: {@link System#nanoTime()} in production, a fake in tests. */
@FunctionalInterface
interface NanoClock {

  /** The system clock. */
  NanoClock SYSTEM = System::nanoTime;

  /** Monotonic nanoseconds from an arbitrary origin. */
  long nanoTime();
}
