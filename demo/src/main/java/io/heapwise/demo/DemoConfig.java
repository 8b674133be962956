package io.heapwise.demo;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;

/**
 * The demo's own knobs: the {@code demo.} section of {@code demo.properties}. The heapwise
 * components read their own sections ({@code heapwise.pool.queries.}, ...) from the same settings.
 *
 * @param duration how long each mode runs
 * @param rate requests per second, over all worker threads
 * @param maxRate whether to ignore {@code rate} and run flat out
 * @param threads worker threads issuing requests
 * @param heap the heap of each forked JVM, as a JVM size ({@code 256m})
 * @param squeezeHeap the heap under {@code --squeeze}
 * @param experts experts consulted per request
 * @param expertWorkRounds CPU work per expert answer (hash rounds over the query text)
 * @param plainStoreMaxEntries the plain store's bound, in responses (the seed: 500 queries x 5)
 * @param squeezePlainStoreMaxEntries the plain store's bound under {@code --squeeze} (the seed saw
 *     ~48,000 responses pile up)
 * @param plainStoreTtl how long the plain store keeps a response
 * @param sinkItemsPerSecond how many results the simulated sink absorbs per second
 * @param flushBatchSize the most results the flusher writes to the sink at once
 * @param flushInterval how often the flusher wakes when there is nothing to flush
 */
record DemoConfig(
    Duration duration,
    int rate,
    boolean maxRate,
    int threads,
    String heap,
    String squeezeHeap,
    int experts,
    int expertWorkRounds,
    int plainStoreMaxEntries,
    int squeezePlainStoreMaxEntries,
    Duration plainStoreTtl,
    int sinkItemsPerSecond,
    int flushBatchSize,
    Duration flushInterval) {

  static final String PREFIX = "demo.";

  /** Reads the {@code demo.} section; every bad value or unknown key is reported at once. */
  static DemoConfig fromSettings(Settings settings) {
    return settings.read(PREFIX, DemoConfig::read);
  }

  private static DemoConfig read(SectionReader section) {
    return new DemoConfig(
        section.duration(
            "duration", Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofHours(1)),
        section.intValue("rate", 1000, 1, 10_000_000),
        section.booleanValue("max-rate", false),
        section.intValue("threads", 4, 1, 256),
        heapSize(section, "heap", "256m"),
        heapSize(section, "squeeze.heap", "96m"),
        section.intValue("experts", 5, 1, 64),
        section.intValue("expert-work-rounds", 2, 0, 10_000),
        section.intValue("plain.store.max-entries", 2_500, 1, 100_000_000),
        section.intValue("squeeze.plain.store.max-entries", 48_000, 1, 100_000_000),
        section.duration(
            "plain.store.ttl", Duration.ofHours(4), Duration.ofMillis(1), Duration.ofDays(7)),
        section.intValue("sink.items-per-second", 20_000, 1, 100_000_000),
        section.intValue("flush.batch-size", 256, 1, 1_000_000),
        section.duration(
            "flush.interval", Duration.ofMillis(20), Duration.ofMillis(1), Duration.ofMinutes(1)));
  }

  /** A heap size as the JVM's -Xmx takes it: digits and an optional k, m or g. */
  private static String heapSize(SectionReader section, String name, String defaultValue) {
    String value = section.stringValue(name, defaultValue);
    if (!value.matches("[1-9][0-9]*[kKmMgG]?")) {
      section.reject(name, "expected a JVM heap size such as 256m or 1g, got '" + value + "'");
      return defaultValue;
    }
    return value;
  }

  /** The requests one run should issue, or 0 for "as many as possible" under {@code max-rate}. */
  long plannedRequests() {
    return maxRate ? 0 : rate * duration.toMillis() / 1000;
  }
}
