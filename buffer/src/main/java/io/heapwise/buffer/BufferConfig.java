package io.heapwise.buffer;

import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * A buffer's bounds and overflow policy. Immutable; build one with {@link #builder(String)} or read
 * it from {@code heapwise.buffer.<name>.*} with {@link #fromSettings}.
 *
 * <table>
 *   <caption>Keys of {@code heapwise.buffer.<name>.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code capacity}</td><td>1024</td><td>most items held, exactly (1..16,777,216)</td></tr>
 *   <tr><td>{@code max-bytes}</td><td>(off)</td><td>most bytes held, exactly, as weighed</td></tr>
 *   <tr><td>{@code overflow-policy}</td><td>block</td><td>reject, block, drop-oldest or caller-runs</td></tr>
 *   <tr><td>{@code block-timeout}</td><td>1s</td><td>longest wait under {@code block}</td></tr>
 *   <tr><td>{@code drain-batch-size}</td><td>256</td><td>most items per delivered batch</td></tr>
 * </table>
 */
public final class BufferConfig {

  /** The largest capacity. */
  public static final int MAX_CAPACITY = 1 << 24;

  private final String name;
  private final int capacity;
  private final long maxBytes;
  private final OverflowPolicy overflowPolicy;
  private final Duration blockTimeout;
  private final int drainBatchSize;

  private BufferConfig(Builder builder) {
    this.name = builder.name;
    this.capacity = builder.capacity;
    this.maxBytes = builder.maxBytes;
    this.overflowPolicy = builder.overflowPolicy;
    this.blockTimeout = builder.blockTimeout;
    this.drainBatchSize = builder.drainBatchSize;
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
    Builder builder =
        builder(name)
            .capacity(section.intValue("capacity", 1024, 1, MAX_CAPACITY))
            .overflowPolicy(
                section.enumValue("overflow-policy", OverflowPolicy.class, OverflowPolicy.BLOCK))
            .blockTimeout(
                section.duration(
                    "block-timeout", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)))
            .drainBatchSize(section.intValue("drain-batch-size", 256, 1, MAX_CAPACITY));
    section.optionalByteSize("max-bytes").ifPresent(builder::maxBytes);
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

  @Override
  public String toString() {
    return "BufferConfig["
        + name
        + ": capacity="
        + capacity
        + ", max-bytes="
        + maxBytes
        + ", overflow-policy="
        + overflowPolicy
        + ", block-timeout="
        + blockTimeout
        + ", drain-batch-size="
        + drainBatchSize
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

    /** Most bytes held, as the weigher counts them; 0 turns the byte bound off. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': max-bytes must be 0 (off) or more, was " + maxBytes);
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
      if (blockTimeout == null || blockTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "buffer '" + name + "': block-timeout must be zero or more, was " + blockTimeout);
      }
      this.blockTimeout = blockTimeout;
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

    public BufferConfig build() {
      return new BufferConfig(this);
    }
  }
}
