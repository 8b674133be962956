package io.heapwise.demo;

import java.util.Locale;

/** One row of the side-by-side table: what is measured, how it prints, and which way is better. */
enum Metric {
  REQUESTS("requests served", Format.COUNT, Better.HIGHER),
  REQUESTS_FAILED("requests failed", Format.COUNT, Better.LOWER),
  ALLOCATION_RATE("allocation rate (MB/s)", Format.DECIMAL, Better.LOWER),
  BYTES_PER_REQUEST("allocated bytes per request", Format.COUNT, Better.LOWER),
  GC_COUNT("GC count", Format.COUNT, Better.LOWER),
  GC_PAUSE_MILLIS("GC total pause (ms)", Format.COUNT, Better.LOWER),
  SERVICE_MEAN_MICROS("service time mean (µs)", Format.DECIMAL, Better.LOWER),
  SERVICE_P99_MICROS("service time p99 (µs)", Format.COUNT, Better.LOWER),
  LATENCY_P50_MICROS("latency p50 (µs)", Format.COUNT, Better.LOWER),
  LATENCY_P99_MICROS("latency p99 (µs)", Format.COUNT, Better.LOWER),
  LATENCY_P999_MICROS("latency p99.9 (µs)", Format.COUNT, Better.LOWER),
  PEAK_HEAP_AFTER_GC_MB("peak heap after GC (MB)", Format.DECIMAL, Better.LOWER),
  STORE_ENTRIES("store entries (responses)", Format.COUNT, Better.NEITHER),
  STORE_MB("store size (MB)", Format.DECIMAL, Better.NEITHER),
  STORE_PRESSURE_EVICTIONS("store evictions under pressure", Format.COUNT, Better.NEITHER),
  POOL_REUSE_PERCENT("pool reuse rate (%)", Format.DECIMAL, Better.HIGHER),
  BUFFER_ACCEPTED("buffer accepted", Format.COUNT, Better.NEITHER),
  BUFFER_REJECTED("buffer rejected", Format.COUNT, Better.LOWER),
  BUFFER_DROPPED("buffer dropped", Format.COUNT, Better.LOWER),
  SINK_ITEMS("results written to the sink", Format.COUNT, Better.NEITHER),
  RESULTS_PENDING("results still buffered at the end", Format.COUNT, Better.NEITHER),
  MONITOR_SAMPLES("monitor samples taken", Format.COUNT, Better.NEITHER),
  MONITOR_INTERVAL_MILLIS("monitor final interval (ms)", Format.COUNT, Better.NEITHER),
  MONITOR_LEVEL_CHANGES("monitor pressure level changes", Format.COUNT, Better.NEITHER);

  /** How a value prints. */
  enum Format {
    COUNT,
    DECIMAL
  }

  /** Which direction of change is an improvement; decides nothing, only documents the row. */
  enum Better {
    HIGHER,
    LOWER,
    NEITHER
  }

  private final String label;
  private final Format format;
  private final Better better;

  Metric(String label, Format format, Better better) {
    this.label = label;
    this.format = format;
    this.better = better;
  }

  String label() {
    return label;
  }

  Better better() {
    return better;
  }

  /** The JSON and properties key: {@code bytes_per_request}. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value as the table prints it. */
  String format(double value) {
    return format == Format.COUNT
        ? String.format(Locale.ROOT, "%,d", Math.round(value))
        : String.format(Locale.ROOT, "%,.1f", value);
  }
}
