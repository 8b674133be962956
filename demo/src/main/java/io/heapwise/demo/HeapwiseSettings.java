package io.heapwise.demo;

import io.heapwise.buffer.BufferConfig;
import io.heapwise.cache.CacheConfig;
import io.heapwise.core.config.Settings;
import io.heapwise.monitor.MonitorConfig;
import io.heapwise.pool.PoolConfig;

/** The heapwise components' own settings sections that the heapwise mode uses. */
final class HeapwiseSettings {

  static final String QUERIES = "queries";
  static final String RESPONSES = "responses";
  static final String RESULTS = "results";

  private HeapwiseSettings() {}

  /** The sections, read and validated. */
  record Sections(
      PoolConfig queries,
      PoolConfig responses,
      CacheConfig store,
      BufferConfig results,
      MonitorConfig monitor) {}

  /**
   * Reads {@code heapwise.pool.queries.}, {@code heapwise.pool.responses.}, {@code
   * heapwise.cache.responses.}, {@code heapwise.buffer.results.} and {@code heapwise.monitor.}.
   *
   * @throws io.heapwise.core.config.ConfigException on the first section with a problem
   */
  static Sections read(Settings settings) {
    return new Sections(
        PoolConfig.fromSettings(settings, QUERIES),
        PoolConfig.fromSettings(settings, RESPONSES),
        CacheConfig.fromSettings(settings, RESPONSES),
        BufferConfig.fromSettings(settings, RESULTS),
        MonitorConfig.fromSettings(settings));
  }

  /** Reads every section so that a bad value or unknown key fails before any run starts. */
  static void validate(Settings settings) {
    read(settings);
  }
}
