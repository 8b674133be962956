package io.heapwise.monitor;

import java.time.Duration;

/** A clock the test moves. */
final class FakeClock implements NanoClock {
  long now = 1_000_000_000L;

  void advance(Duration by) {
    now += by.toNanos();
  }

  @Override
  public long nanoTime() {
    return now;
  }
}
