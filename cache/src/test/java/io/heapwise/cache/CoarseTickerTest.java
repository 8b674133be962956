package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The expiry clock: as coarse as the shortest expiry allows, close to nanoTime while read, asleep
 * when not, awake again on the next read.
 */
class CoarseTickerTest {

  // The finest clock: the checks below on how far it moves can run in a few milliseconds.
  private static final CoarseTicker TICKER = CoarseTicker.forShortestExpiry(Duration.ofMillis(50));

  @Test
  void resolutionIsAThousandthOfTheShortestExpiryRoundedDownToOneTenOrOneHundredMillis() {
    assertThat(resolutionMillisFor(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(resolutionMillisFor(Duration.ofMillis(9_999))).isEqualTo(1);
    assertThat(resolutionMillisFor(Duration.ofSeconds(10))).isEqualTo(10);
    assertThat(resolutionMillisFor(Duration.ofSeconds(99))).isEqualTo(10);
    assertThat(resolutionMillisFor(Duration.ofSeconds(100))).isEqualTo(100);
    assertThat(resolutionMillisFor(Duration.ofHours(4))).isEqualTo(100);
    assertThat(resolutionMillisFor(Duration.ofDays(365))).isEqualTo(100);
    // A ttl set in code has no upper bound: beyond what nanoseconds hold, still the coarsest.
    assertThat(resolutionMillisFor(ChronoUnit.FOREVER.getDuration())).isEqualTo(100);
  }

  @Test
  void cachesWhoseShortestExpiriesNeedTheSameResolutionShareOneClock() {
    assertThat(CoarseTicker.forShortestExpiry(Duration.ofHours(4)))
        .isSameAs(CoarseTicker.forShortestExpiry(Duration.ofMinutes(5)));
    assertThat(CoarseTicker.forShortestExpiry(Duration.ofHours(4)))
        .isNotSameAs(CoarseTicker.forShortestExpiry(Duration.ofSeconds(30)));
  }

  private static long resolutionMillisFor(Duration shortest) {
    return Duration.ofNanos(CoarseTicker.forShortestExpiry(shortest).resolutionNanos()).toMillis();
  }

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
    assertAdvances(TICKER, Duration.ofMillis(10));
  }

  @Test
  void theCoarsestClockAdvancesToo() throws InterruptedException {
    assertAdvances(CoarseTicker.forShortestExpiry(Duration.ofHours(4)), Duration.ofMillis(300));
  }

  private static void assertAdvances(CoarseTicker ticker, Duration by) throws InterruptedException {
    long first = ticker.read();
    // The ticking thread may have been restarted by the first read, or be late on a busy machine:
    // keep reading (as a cache would) until it has moved.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (ticker.read() - first < by.toNanos() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(ticker.read() - first).isGreaterThanOrEqualTo(by.toNanos());
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
