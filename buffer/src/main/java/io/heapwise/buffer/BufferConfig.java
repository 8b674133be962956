package io.heapwise.buffer;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * A buffer's bounds, overflow policy, flushing and pressure behaviour. Immutable; build one with
 * {@link #builder(String)} or read it from {@code heapwise.buffer.<name>.*} with {@link
 * #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.buffer.<name>.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code capacity}</td><td>1024</td><td>most items held, exactly (1..16,777,216)</td></tr>
 *   <tr><td>{@code max-bytes}</td><td>(off)</td>
 *       <td>most bytes held, exactly, as weighed (up to 256 GiB - 1)</td></tr>
 *   <tr><td>{@code overflow} (or {@code overflow-policy})</td><td>block</td>
 *       <td>reject, block, drop-oldest or caller-runs</td></tr>
 *   <tr><td>{@code block-timeout}</td><td>1s</td><td>longest wait under {@code block}</td></tr>
 *   <tr><td>{@code drain-batch-size}</td><td>256</td><td>most items per delivered batch</td></tr>
 *   <tr><td>{@code flusher}</td><td>false</td><td>start a {@link BatchFlusher} thread</td></tr>
 *   <tr><td>{@code flush-size}</td><td>256</td><td>the flusher drains once this many wait</td></tr>
 *   <tr><td>{@code linger}</td><td>10ms</td>
 *       <td>... or once the first waiting item has waited this long</td></tr>
 *   <tr><td>{@code pressure-capacity-fraction}</td><td>0.5</td>
 *       <td>share of the capacity admitted under CRITICAL pressure (0 exclusive .. 1)</td></tr>
 *   <tr><td>{@code close-timeout}</td><td>10s</td>
 *       <td>longest time {@code close()} spends delivering what is left</td></tr>
 *   <tr><td>{@code jmx}</td><td>false</td>
 *       <td>register a {@link BufferMXBean} as {@code io.heapwise:type=Buffer,name=<name>}</td></tr>
 * </table>
 */
public final class BufferConfig {

  /** The largest capacity. */
  public static final int MAX_CAPACITY = 1 << 24;

  /**
   * The largest {@code max-bytes}: 256 GiB - 1. A buffer keeps its items and bytes in one 64-bit
   * word so that one CAS reserves both; the bytes get the bits the largest capacity leaves.
   */
  public static final long MAX_BYTES = Occupancy.MAX_BYTES;

  private final String name;
  private final int capacity;
  private final long maxBytes;
  private final OverflowPolicy overflowPolicy;
  private final Duration blockTimeout;
  private final int drainBatchSize;
  private final boolean flusher;
  private final int flushSize;
  private final Duration linger;
  private final double pressureCapacityFraction;
  private final Duration closeTimeout;
  private final boolean jmx;

  private BufferConfig(Builder builder) {
    this.name = builder.name;
    this.capacity = builder.capacity;
    this.maxBytes = builder.maxBytes;
    this.overflowPolicy = builder.overflowPolicy;
    this.blockTimeout = builder.blockTimeout;
    this.drainBatchSize = builder.drainBatchSize;
    this.flusher = builder.flusher;
    this.flushSize = builder.flushSize;
    this.linger = builder.linger;
    this.pressureCapacityFraction = builder.pressureCapacityFraction;
    this.closeTimeout = builder.closeTimeout;
    this.jmx = builder.jmx;
  }

  /**
   * Starts a config for the buffer called {@code name}.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads {@code heapwise.buffer.<name>.*}; every bad value and unknown key is reported at once.
   *
   * @throws io.heapwise.core.config.ConfigException listing every problem of the section
   */
  public static BufferConfig fromSettings(Settings settings, String name) {
    return settings.read("heapwise.buffer." + name + ".", section -> read(section, name));
  }

  private static BufferConfig read(SectionReader section, String name) {
    OverflowPolicy policy =
        section.enumValue("overflow-policy", OverflowPolicy.class, OverflowPolicy.BLOCK);
    if (section.isSet("overflow")) {
      if (section.isSet("overflow-policy")) {
        section.reject("overflow", "is set together with overflow-policy (expected only one)");
      }
      policy = section.enumValue("overflow", OverflowPolicy.class, OverflowPolicy.BLOCK);
    }
    Builder builder =
        builder(name)
            .capacity(section.intValue("capacity", 1024, 1, MAX_CAPACITY))
            .overflowPolicy(policy)
            .blockTimeout(
                section.duration(
                    "block-timeout", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)))
            .drainBatchSize(section.intValue("drain-batch-size", 256, 1, MAX_CAPACITY))
            .flusher(section.booleanValue("flusher", false))
            .flushSize(section.intValue("flush-size", 256, 1, MAX_CAPACITY))
            .linger(
                section.duration(
                    "linger", Duration.ofMillis(10), Duration.ZERO, Duration.ofHours(1)))
            .jmx(section.booleanValue("jmx", false))
            .closeTimeout(
                section.duration(
                    "close-timeout", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1)));
    double fraction = section.fraction("pressure-capacity-fraction", 0.5);
    if (fraction <= 0) {
      section.reject(
          "pressure-capacity-fraction", "must be above 0 (expected a fraction in (0, 1])");
    } else {
      builder.pressureCapacityFraction(fraction);
    }
    builder.maxBytes(section.byteSize("max-bytes", 0, 0, MAX_BYTES));
    return builder.build();
  }

  public String name() {
    return name;
  }

  public int capacity() {
    return capacity;
  }

  /** The byte bound; 0 when off. */
  public long maxBytes() {
    return maxBytes;
  }

  public OverflowPolicy overflowPolicy() {
    return overflowPolicy;
  }

  public Duration blockTimeout() {
    return blockTimeout;
  }

  public int drainBatchSize() {
    return drainBatchSize;
  }

  /** Whether the buffer starts a {@link BatchFlusher} thread. */
  public boolean flusher() {
    return flusher;
  }

  /** The flusher drains as soon as this many items wait. */
  public int flushSize() {
    return flushSize;
  }

  /** The flusher drains once the first waiting item has waited this long. */
  public Duration linger() {
    return linger;
  }

  /** The share of {@link #capacity()} admitted under CRITICAL memory pressure. */
  public double pressureCapacityFraction() {
    return pressureCapacityFraction;
  }

  /** The longest time {@code close()} spends delivering what is still buffered. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Whether the buffer registers its {@link BufferMXBean}. */
  public boolean jmx() {
    return jmx;
  }

  @Override
  public String toString() {
    return "BufferConfig["
        + name
        + ": capacity="
        + capacity
        + ", max-bytes="
        + maxBytes
        + ", overflow="
        + overflowPolicy
        + ", block-timeout="
        + blockTimeout
        + ", drain-batch-size="
        + drainBatchSize
        + ", flusher="
        + flusher
        + ", flush-size="
        + flushSize
        + ", linger="
        + linger
        + ", pressure-capacity-fraction="
        + pressureCapacityFraction
        + ", close-timeout="
        + closeTimeout
        + ", jmx="
        + jmx
        + "]";
  }

  /** Builds a {@link BufferConfig}; each setter validates its argument at once. */
  public static final class Builder {
    private final String name;
    private int capacity = 1024;
    private long maxBytes;
    private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private int drainBatchSize = 256;
    private boolean flusher;
    private int flushSize = 256;
    private Duration linger = Duration.ofMillis(10);
    private double pressureCapacityFraction = 0.5;
    private Duration closeTimeout = Duration.ofSeconds(10);
    private boolean jmx;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("buffer name must not be blank, was '" + name + "'");
      }
      this.name = name;
    }

    /** Most items held, exactly: 1 to {@link #MAX_CAPACITY}. */
    public Builder capacity(int capacity) {
      if (capacity < 1 || capacity > MAX_CAPACITY) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': capacity must be in 1.." + MAX_CAPACITY + ", was " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Most bytes held, as the weigher counts them: 1 to {@link #MAX_BYTES} (256 GiB - 1), or 0 to
     * turn the byte bound off.
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 0 || maxBytes > MAX_BYTES) {
        throw new IllegalArgumentException(
            "buffer '"
                + name
                + "': max-bytes must be 0 (off) or 1.."
                + MAX_BYTES
                + " (256 GiB - 1), was "
                + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
      return this;
    }

    /** Longest wait under {@link OverflowPolicy#BLOCK}; zero or more. */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = nonNegative("block-timeout", blockTimeout);
      return this;
    }

    /** Most items per batch handed to the consumer; a larger admitted batch is still whole. */
    public Builder drainBatchSize(int drainBatchSize) {
      if (drainBatchSize < 1) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': drain-batch-size must be at least 1, was " + drainBatchSize);
      }
      this.drainBatchSize = drainBatchSize;
      return this;
    }

    /** Whether the buffer starts a {@link BatchFlusher} thread that drains to its handler. */
    public Builder flusher(boolean flusher) {
      this.flusher = flusher;
      return this;
    }

    /** The flusher drains as soon as this many items wait; at least 1. */
    public Builder flushSize(int flushSize) {
      if (flushSize < 1) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': flush-size must be at least 1, was " + flushSize);
      }
      this.flushSize = flushSize;
      return this;
    }

    /** The flusher drains once the first waiting item has waited this long; zero or more. */
    public Builder linger(Duration linger) {
      this.linger = nonNegative("linger", linger);
      return this;
    }

    /** The share of the capacity admitted under CRITICAL pressure: above 0, at most 1. */
    public Builder pressureCapacityFraction(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': pressure-capacity-fraction must be in (0, 1], was " + fraction);
      }
      this.pressureCapacityFraction = fraction;
      return this;
    }

    /** The longest time {@code close()} spends delivering what is left; zero or more. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = nonNegative("close-timeout", closeTimeout);
      return this;
    }

    /**
     * Whether the buffer registers its {@link BufferMXBean} as {@code
     * io.heapwise:type=Buffer,name=<name>} on the platform MBeanServer (until it closes).
     */
    public Builder jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    private Duration nonNegative(String key, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': " + key + " must be zero or more, was " + value);
      }
      return value;
    }

    public BufferConfig build() {
      return new BufferConfig(this);
    }
  }
}
