package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The expiry clock: close to nanoTime while read, asleep when not, awake again on the next read.
 */
class CoarseTickerTest {

  private static final CoarseTicker TICKER = CoarseTicker.INSTANCE;

  @Test
  void staysWithinAFewTicksOfNanoTimeWhileRead() throws InterruptedException {
    // A busy CI machine may leave the ticking thread unscheduled for a while; the point is that the
    // clock stays near nanoTime and never runs ahead of it.
    long slack = Duration.ofSeconds(1).toNanos();
    for (int i = 0; i < 50; i++) {
      long before = System.nanoTime();
      long read = TICKER.read();
      assertThat(read).isBetween(before - slack, System.nanoTime());
      Thread.sleep(2);
    }
  }

  @Test
  void advancesWhileRead() throws InterruptedException {
    long first = TICKER.read();
    Thread.sleep(20);
    // The ticking thread may have been restarted by the first read, or be late on a busy machine:
    // keep reading (as a cache would) until it has moved.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (TICKER.read() - first < Duration.ofMillis(10).toNanos()
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(TICKER.read() - first).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
  }

  @Test
  void stopsWhenNobodyReadsAndRestartsOnTheNextRead() throws InterruptedException {
    TICKER.read();
    assertThat(TICKER.isTicking()).isTrue();
    // Other tests in this JVM may read it meanwhile; wait long enough for a quiet second.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (TICKER.isTicking() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(TICKER.isTicking()).as("stopped after a second without reads").isFalse();

    long before = System.nanoTime();
    long read = TICKER.read();
    assertThat(read)
        .as("a read while stopped reads nanoTime itself")
        .isGreaterThanOrEqualTo(before);
    assertThat(TICKER.isTicking()).isTrue();
  }
}
