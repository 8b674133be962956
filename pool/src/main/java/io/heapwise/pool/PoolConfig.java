package io.heapwise.pool;

import io.heapwise.core.config.DurationFormat;
import io.heapwise.core.config.SectionReader;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The immutable configuration of one {@link ObjectPool}.
 *
 * <p>Built in code with {@link #builder(String)}, whose {@link Builder#build()} checks every value
 * and every rule across values and names what is wrong, or read from the properties section {@code
 * heapwise.pool.<name>.*} with {@link #fromSettings(Settings, String)}, which reports every bad
 * value and every unknown key of the section at once:
 *
 * <pre>
 * heapwise.pool.query.max-size=256
 * heapwise.pool.query.prefill=64
 * heapwise.pool.query.miss-policy=allocate      # allocate | block | fail
 * heapwise.pool.query.borrow-timeout=100ms      # how long BLOCK waits
 * heapwise.pool.query.resize-limit=1024         # the largest size resize() accepts
 * heapwise.pool.query.trim-floor=16             # idle objects kept under CRITICAL pressure
 * heapwise.pool.query.elevated-trim=50%         # share of idle objects above the floor dropped on ELEVATED
 * heapwise.pool.query.leak-detection=false      # track every borrow (allocates a handle per borrow)
 * heapwise.pool.query.leak-threshold=30s        # report borrows held longer (0 = never)
 * heapwise.pool.query.leak-capture-rate=100%    # share of borrows whose stack trace is captured
 * heapwise.pool.query.jmx=false                 # register io.heapwise:type=Pool,name=query
 * </pre>
 *
 * <p>Settings, each with its accessor:
 *
 * <ul>
 *   <li>{@code name}: the pool's name, used in messages, logs and stats; letters, digits, {@code
 *       -}, {@code _} and {@code .}
 *   <li>{@code maxSize}: the most objects the pool keeps (idle plus lent out); extras are not
 *       counted
 *   <li>{@code prefill}: objects created when the pool is built, at most {@code maxSize}
 *   <li>{@code missPolicy}: what a borrow does when the pool is exhausted at {@code maxSize}
 *   <li>{@code borrowTimeout}: how long {@link MissPolicy#BLOCK} waits; positive
 *   <li>{@code resizeLimit}: the largest size {@link ObjectPool#resize(int)} accepts; bounds the
 *       pool's internal arrays
 *   <li>{@code trimFloor}: how many objects the pool keeps under {@code CRITICAL} pressure
 *   <li>{@code elevatedTrim}: the share of idle objects above the floor destroyed when pressure
 *       becomes {@code ELEVATED}
 *   <li>{@code leakDetection}: whether borrows are tracked to find handles that are never released
 *   <li>{@code leakThreshold}: how long a borrow may be held before it is reported as a leak
 *       ({@link Duration#ZERO}: never); requires {@code leakDetection}
 *   <li>{@code leakCaptureRate}: the share of tracked borrows whose stack trace is captured, 0 to 1
 *   <li>{@code jmx}: whether the pool registers its {@link PoolMXBean}
 * </ul>
 */
public final class PoolConfig {

  /** The largest {@code max-size} and {@code resize-limit} accepted. */
  public static final int MAX_POOL_SIZE = 1 << 20;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String name;
  private final int maxSize;
  private final int prefill;
  private final MissPolicy missPolicy;
  private final Duration borrowTimeout;
  private final int resizeLimit;
  private final int trimFloor;
  private final double elevatedTrim;
  private final boolean leakDetection;
  private final Duration leakThreshold;
  private final double leakCaptureRate;
  private final boolean jmx;

  /**
   * Creates a config from every value, checking each and the rules across them; {@link
   * #builder(String)} is usually more convenient. Parameters are described in the class comment.
   *
   * @throws IllegalArgumentException naming the first value or rule that is wrong
   */
  public PoolConfig(
      String name,
      int maxSize,
      int prefill,
      MissPolicy missPolicy,
      Duration borrowTimeout,
      int resizeLimit,
      int trimFloor,
      double elevatedTrim,
      boolean leakDetection,
      Duration leakThreshold,
      double leakCaptureRate,
      boolean jmx) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(missPolicy, "missPolicy");
    Objects.requireNonNull(borrowTimeout, "borrowTimeout");
    Objects.requireNonNull(leakThreshold, "leakThreshold");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pool name \""
              + name
              + "\" is not valid (expected letters, digits, '.', '-' or '_', not starting with a"
              + " symbol)");
    }
    checkRange("max-size", maxSize, 1, MAX_POOL_SIZE);
    checkRange("resize-limit", resizeLimit, 1, MAX_POOL_SIZE);
    checkRange("prefill", prefill, 0, maxSize);
    checkRange("trim-floor", trimFloor, 0, maxSize);
    if (resizeLimit < maxSize) {
      throw new IllegalArgumentException(
          "resize-limit ("
              + resizeLimit
              + ") must not be smaller than max-size ("
              + maxSize
              + ") of pool "
              + name);
    }
    if (borrowTimeout.isNegative() || borrowTimeout.isZero()) {
      throw new IllegalArgumentException(
          "borrow-timeout of pool "
              + name
              + " must be positive but was "
              + DurationFormat.format(borrowTimeout));
    }
    if (leakThreshold.isNegative()) {
      throw new IllegalArgumentException(
          "leak-threshold of pool " + name + " must not be negative but was " + leakThreshold);
    }
    if (!leakThreshold.isZero() && !leakDetection) {
      throw new IllegalArgumentException(
          "leak-threshold ("
              + DurationFormat.format(leakThreshold)
              + ") of pool "
              + name
              + " requires leak-detection=true");
    }
    checkFraction("elevated-trim", elevatedTrim, name);
    checkFraction("leak-capture-rate", leakCaptureRate, name);
    this.name = name;
    this.maxSize = maxSize;
    this.prefill = prefill;
    this.missPolicy = missPolicy;
    this.borrowTimeout = borrowTimeout;
    this.resizeLimit = resizeLimit;
    this.trimFloor = trimFloor;
    this.elevatedTrim = elevatedTrim;
    this.leakDetection = leakDetection;
    this.leakThreshold = leakThreshold;
    this.leakCaptureRate = leakCaptureRate;
    this.jmx = jmx;
  }

  /**
   * Returns the pool's name.
   *
   * @return the pool's name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the most objects the pool keeps (idle plus lent out).
   *
   * @return the most objects the pool keeps (idle plus lent out)
   */
  public int maxSize() {
    return maxSize;
  }

  /**
   * Returns the objects created when the pool is built.
   *
   * @return the objects created when the pool is built
   */
  public int prefill() {
    return prefill;
  }

  /**
   * Returns what a borrow does when the pool is exhausted.
   *
   * @return what a borrow does when the pool is exhausted
   */
  public MissPolicy missPolicy() {
    return missPolicy;
  }

  /**
   * Returns how long BLOCK waits.
   *
   * @return how long BLOCK waits
   */
  public Duration borrowTimeout() {
    return borrowTimeout;
  }

  /**
   * Returns the largest size resize accepts.
   *
   * @return the largest size resize accepts
   */
  public int resizeLimit() {
    return resizeLimit;
  }

  /**
   * Returns the objects kept under CRITICAL pressure.
   *
   * @return the objects kept under CRITICAL pressure
   */
  public int trimFloor() {
    return trimFloor;
  }

  /**
   * Returns the share of idle objects above the floor destroyed on ELEVATED pressure.
   *
   * @return the share of idle objects above the floor destroyed on ELEVATED pressure
   */
  public double elevatedTrim() {
    return elevatedTrim;
  }

  /**
   * Returns whether borrows are tracked for leaks.
   *
   * @return whether borrows are tracked for leaks
   */
  public boolean leakDetection() {
    return leakDetection;
  }

  /**
   * Returns how long a borrow may be held before it is reported (zero: never).
   *
   * @return how long a borrow may be held before it is reported (zero: never)
   */
  public Duration leakThreshold() {
    return leakThreshold;
  }

  /**
   * Returns the share of tracked borrows whose stack trace is captured.
   *
   * @return the share of tracked borrows whose stack trace is captured
   */
  public double leakCaptureRate() {
    return leakCaptureRate;
  }

  /**
   * Returns whether the pool registers a {@link PoolMXBean} as {@code
   * io.heapwise:type=Pool,name=<name>} (key {@code jmx}, default false).
   *
   * @return whether JMX is on
   */
  public boolean jmx() {
    return jmx;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PoolConfig other)) {
      return false;
    }
    return name.equals(other.name)
        && maxSize == other.maxSize
        && prefill == other.prefill
        && missPolicy == other.missPolicy
        && borrowTimeout.equals(other.borrowTimeout)
        && resizeLimit == other.resizeLimit
        && trimFloor == other.trimFloor
        && Double.compare(elevatedTrim, other.elevatedTrim) == 0
        && leakDetection == other.leakDetection
        && leakThreshold.equals(other.leakThreshold)
        && Double.compare(leakCaptureRate, other.leakCaptureRate) == 0
        && jmx == other.jmx;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        maxSize,
        prefill,
        missPolicy,
        borrowTimeout,
        resizeLimit,
        trimFloor,
        elevatedTrim,
        leakDetection,
        leakThreshold,
        leakCaptureRate,
        jmx);
  }

  @Override
  public String toString() {
    return "PoolConfig["
        + "name="
        + name
        + ", "
        + "maxSize="
        + maxSize
        + ", "
        + "prefill="
        + prefill
        + ", "
        + "missPolicy="
        + missPolicy
        + ", "
        + "borrowTimeout="
        + borrowTimeout
        + ", "
        + "resizeLimit="
        + resizeLimit
        + ", "
        + "trimFloor="
        + trimFloor
        + ", "
        + "elevatedTrim="
        + elevatedTrim
        + ", "
        + "leakDetection="
        + leakDetection
        + ", "
        + "leakThreshold="
        + leakThreshold
        + ", "
        + "leakCaptureRate="
        + leakCaptureRate
        + ", jmx="
        + jmx
        + "]";
  }

  /**
   * Returns a builder with the defaults: max-size 64, no prefill, {@link MissPolicy#ALLOCATE},
   * borrow-timeout 1 s, resize-limit 4 x max-size, trim-floor 0, elevated-trim 50 %, leak detection
   * off, leak-capture-rate 100 %.
   *
   * @param name the pool's name
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads the section {@code heapwise.pool.<name>.*}; absent keys take the builder's defaults.
   *
   * @param settings the loaded settings
   * @param name the pool's name, the section's last segment
   * @return the config
   * @throws io.heapwise.core.config.ConfigException listing every bad value, unknown key and broken
   *     rule of the section
   */
  public static PoolConfig fromSettings(Settings settings, String name) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(name, "name");
    return settings.read("heapwise.pool." + name + ".", section -> read(section, name));
  }

  private static PoolConfig read(SectionReader section, String name) {
    Builder defaults = new Builder(name);
    int maxSize = section.intValue("max-size", defaults.maxSize, 1, MAX_POOL_SIZE);
    Builder builder =
        new Builder(name)
            .maxSize(maxSize)
            .prefill(section.intValue("prefill", 0, 0, MAX_POOL_SIZE))
            .missPolicy(section.enumValue("miss-policy", MissPolicy.class, defaults.missPolicy))
            .borrowTimeout(
                section.duration(
                    "borrow-timeout", defaults.borrowTimeout, Duration.ofNanos(1), null))
            .trimFloor(section.intValue("trim-floor", 0, 0, MAX_POOL_SIZE))
            .elevatedTrim(section.fraction("elevated-trim", defaults.elevatedTrim))
            .leakDetection(section.booleanValue("leak-detection", false))
            .leakThreshold(section.duration("leak-threshold", Duration.ZERO))
            .leakCaptureRate(section.fraction("leak-capture-rate", defaults.leakCaptureRate))
            .jmx(section.booleanValue("jmx", false));
    if (section.isSet("resize-limit")) {
      builder.resizeLimit(section.intValue("resize-limit", maxSize, 1, MAX_POOL_SIZE));
    }
    return builder.build();
  }

  private static void checkRange(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " must be from " + min + " to " + max + " but was " + value);
    }
  }

  private static void checkFraction(String key, double value, String name) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          key + " of pool " + name + " must be from 0 to 1 but was " + value);
    }
  }

  /** A validating builder for {@link PoolConfig}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private int maxSize = 64;
    private int prefill;
    private MissPolicy missPolicy = MissPolicy.ALLOCATE;
    private Duration borrowTimeout = Duration.ofSeconds(1);
    private int resizeLimit = -1;
    private int trimFloor;
    private double elevatedTrim = 0.5;
    private boolean leakDetection;
    private Duration leakThreshold = Duration.ZERO;
    private double leakCaptureRate = 1.0;
    private boolean jmx;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the most objects the pool keeps.
     *
     * @param maxSize 1 to {@link #MAX_POOL_SIZE}
     * @return this builder
     */
    public Builder maxSize(int maxSize) {
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets how many objects are created when the pool is built.
     *
     * @param prefill 0 to max-size
     * @return this builder
     */
    public Builder prefill(int prefill) {
      this.prefill = prefill;
      return this;
    }

    /**
     * Sets what a borrow does when the pool is exhausted at max-size.
     *
     * @param missPolicy the policy
     * @return this builder
     */
    public Builder missPolicy(MissPolicy missPolicy) {
      this.missPolicy = missPolicy;
      return this;
    }

    /**
     * Sets how long {@link MissPolicy#BLOCK} waits.
     *
     * @param borrowTimeout positive
     * @return this builder
     */
    public Builder borrowTimeout(Duration borrowTimeout) {
      this.borrowTimeout = borrowTimeout;
      return this;
    }

    /**
     * Sets the largest size {@link ObjectPool#resize(int)} accepts.
     *
     * @param resizeLimit at least max-size, at most {@link #MAX_POOL_SIZE}
     * @return this builder
     */
    public Builder resizeLimit(int resizeLimit) {
      this.resizeLimit = resizeLimit;
      return this;
    }

    /**
     * Sets how many objects the pool keeps under {@code CRITICAL} pressure.
     *
     * @param trimFloor 0 to max-size
     * @return this builder
     */
    public Builder trimFloor(int trimFloor) {
      this.trimFloor = trimFloor;
      return this;
    }

    /**
     * Sets the share of idle objects above the floor destroyed on {@code ELEVATED} pressure.
     *
     * @param elevatedTrim 0 to 1
     * @return this builder
     */
    public Builder elevatedTrim(double elevatedTrim) {
      this.elevatedTrim = elevatedTrim;
      return this;
    }

    /**
     * Turns leak detection on or off.
     *
     * @param leakDetection whether borrows are tracked
     * @return this builder
     */
    public Builder leakDetection(boolean leakDetection) {
      this.leakDetection = leakDetection;
      return this;
    }

    /**
     * Sets how long a borrow may be held before it is reported ({@link Duration#ZERO}: never). A
     * scan every quarter of the threshold, but at most ten a second, finds such borrows: one held
     * too long is reported between {@code leakThreshold} and {@code leakThreshold} plus the larger
     * of a quarter of it and 100 ms.
     *
     * @param leakThreshold not negative; non-zero requires leak detection
     * @return this builder
     */
    public Builder leakThreshold(Duration leakThreshold) {
      this.leakThreshold = leakThreshold;
      return this;
    }

    /**
     * Sets the share of tracked borrows whose stack trace is captured.
     *
     * @param leakCaptureRate 0 to 1
     * @return this builder
     */
    public Builder leakCaptureRate(double leakCaptureRate) {
      this.leakCaptureRate = leakCaptureRate;
      return this;
    }

    /**
     * Turns registration of the pool's {@link PoolMXBean} on or off.
     *
     * @param jmx whether the pool registers {@code io.heapwise:type=Pool,name=<name>}
     * @return this builder
     */
    public Builder jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the config
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public PoolConfig build() {
      int limit =
          resizeLimit > 0 ? resizeLimit : (int) Math.min(MAX_POOL_SIZE, Math.max(4L * maxSize, 1));
      return new PoolConfig(
          name,
          maxSize,
          prefill,
          missPolicy,
          borrowTimeout,
          limit,
          trimFloor,
          elevatedTrim,
          leakDetection,
          leakThreshold,
          leakCaptureRate,
          jmx);
    }
  }
}
