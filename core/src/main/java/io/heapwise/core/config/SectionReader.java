package io.heapwise.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validating reads of one configuration section, handed to the builder passed to {@link
 * Settings#read}.
 *
 * <p>Keys are named relative to the section ({@code "max-bytes"} in section {@code
 * heapwise.cache.responses.}). Each read returns the key's value if it is valid, or the given
 * default if the key is absent. If the value is invalid, the read records a problem (naming the
 * full key, the value and what was expected) and returns the default so the builder can go on and
 * every problem of the section is reported together; {@link Settings#read} then throws and the
 * object built from the default is discarded.
 *
 * <p>Every key a builder asks for becomes a known key of the section, whether or not it is set;
 * keys present in the section but never asked for are reported as unknown.
 *
 * <p>A reader is used by one thread, inside one {@link Settings#read} call; reading after that call
 * returns fails with {@link IllegalStateException}.
 */
public final class SectionReader {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
  private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");

  private final Settings settings;
  private final String prefix;
  private final Set<String> knownNames = new LinkedHashSet<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private boolean finished;

  SectionReader(Settings settings, String prefix) {
    this.settings = settings;
    this.prefix = prefix;
  }

  /**
   * Returns the section prefix, with its trailing dot.
   *
   * @return e.g. {@code "heapwise.cache.responses."}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the full key of a name in this section.
   *
   * @param name a key relative to the section
   * @return e.g. {@code "heapwise.cache.responses.max-bytes"}
   */
  public String key(String name) {
    return prefix + name;
  }

  /**
   * Returns the heap size that percentage byte sizes refer to.
   *
   * @return the maximum heap in bytes
   */
  public long maxHeapBytes() {
    return settings.maxHeapBytes();
  }

  /**
   * Returns whether the key is set in the file or by a system property. Asking marks the key as
   * known.
   *
   * @param name a key relative to the section
   * @return {@code true} if the key has a value
   */
  public boolean isSet(String name) {
    return raw(name).text() != null;
  }

  /**
   * Reads a string. Any value is valid; surrounding whitespace is removed.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent
   * @return the value or the default
   */
  public String stringValue(String name, String defaultValue) {
    Settings.RawValue value = raw(name);
    return value.text() == null ? defaultValue : value.text();
  }

  /**
   * Reads a boolean, written exactly {@code true} or {@code false}.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @return the value or the default
   */
  public boolean booleanValue(String name, boolean defaultValue) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    if (value.text().equals("true")) {
      return true;
    }
    if (value.text().equals("false")) {
      return false;
    }
    return rejectValue(name, value, "is not a boolean (expected true or false)", defaultValue);
  }

  /**
   * Reads an integer within {@code [min, max]}.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value or the default
   */
  public int intValue(String name, int defaultValue, int min, int max) {
    return (int) longValue(name, defaultValue, min, max);
  }

  /**
   * Reads a long within {@code [min, max]}.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value or the default
   */
  public long longValue(String name, long defaultValue, long min, long max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    String expected = "(expected an integer from " + min + " to " + max + ")";
    if (!INTEGER.matcher(value.text()).matches()) {
      return rejectValue(name, value, "is not an integer " + expected, defaultValue);
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.text());
    } catch (NumberFormatException e) {
      return rejectValue(name, value, "is out of range " + expected, defaultValue);
    }
    if (parsed < min || parsed > max) {
      return rejectValue(name, value, "is out of range " + expected, defaultValue);
    }
    return parsed;
  }

  /**
   * Reads a decimal number within {@code [min, max]}, written as digits with an optional fraction
   * and exponent ({@code 0.5}, {@code 1e-3}); {@code NaN} and infinities are rejected.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value or the default
   */
  public double doubleValue(String name, double defaultValue, double min, double max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    String expected = "(expected a number from " + min + " to " + max + ")";
    if (!DECIMAL.matcher(value.text()).matches()) {
      return rejectValue(name, value, "is not a number " + expected, defaultValue);
    }
    double parsed = Double.parseDouble(value.text());
    if (!(parsed >= min && parsed <= max)) {
      return rejectValue(name, value, "is out of range " + expected, defaultValue);
    }
    return parsed;
  }

  /**
   * Reads a fraction in {@code [0, 1]}, written as a decimal ({@code 0.2}) or a percentage ({@code
   * 20%}).
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @return the value or the default
   */
  public double fraction(String name, double defaultValue) {
    return fraction(name, defaultValue, 0.0, 1.0);
  }

  /**
   * Reads a fraction within {@code [min, max]}, written as a decimal ({@code 0.2}) or a percentage
   * ({@code 20%}).
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @param min the smallest allowed fraction, at least 0
   * @param max the largest allowed fraction, at most 1
   * @return the value or the default
   */
  public double fraction(String name, double defaultValue, double min, double max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    String expected = "(expected a fraction from " + percent(min) + " to " + percent(max) + ")";
    double parsed;
    Matcher percentage = PERCENT.matcher(value.text());
    if (percentage.matches()) {
      parsed = Double.parseDouble(percentage.group(1)) / 100.0;
    } else if (DECIMAL.matcher(value.text()).matches()) {
      parsed = Double.parseDouble(value.text());
    } else {
      return rejectValue(
          name,
          value,
          "is not a fraction (expected e.g. 0.2 or 20%, from "
              + percent(min)
              + " to "
              + percent(max)
              + ")",
          defaultValue);
    }
    if (!(parsed >= min && parsed <= max)) {
      return rejectValue(name, value, "is out of range " + expected, defaultValue);
    }
    return parsed;
  }

  /**
   * Reads an absolute byte size such as {@code 64MiB} (see {@link ByteSize} for the forms).
   *
   * @param name a key relative to the section
   * @param defaultBytes returned when the key is absent or invalid
   * @return the size in bytes
   */
  public long byteSize(String name, long defaultBytes) {
    return byteSize(name, defaultBytes, 0, Long.MAX_VALUE);
  }

  /**
   * Reads an absolute byte size within {@code [min, max]} bytes.
   *
   * @param name a key relative to the section
   * @param defaultBytes returned when the key is absent or invalid
   * @param min the smallest allowed size in bytes
   * @param max the largest allowed size in bytes
   * @return the size in bytes
   */
  public long byteSize(String name, long defaultBytes, long min, long max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultBytes;
    }
    long parsed;
    try {
      parsed = ByteSize.parse(value.text());
    } catch (IllegalArgumentException e) {
      return rejectValue(name, value, e.getMessage(), defaultBytes);
    }
    return checkByteRange(name, value, parsed, defaultBytes, min, max);
  }

  /**
   * Reads a byte size that may also be a share of the maximum heap ({@code 25%}), resolved against
   * {@link #maxHeapBytes()}.
   *
   * @param name a key relative to the section
   * @param defaultBytes returned when the key is absent or invalid
   * @return the size in bytes
   */
  public long byteSizeOrHeapShare(String name, long defaultBytes) {
    return byteSizeOrHeapShare(name, defaultBytes, 0, Long.MAX_VALUE);
  }

  /**
   * Reads a byte size or share of the maximum heap, within {@code [min, max]} bytes once resolved.
   *
   * @param name a key relative to the section
   * @param defaultBytes returned when the key is absent or invalid
   * @param min the smallest allowed size in bytes
   * @param max the largest allowed size in bytes
   * @return the size in bytes
   */
  public long byteSizeOrHeapShare(String name, long defaultBytes, long min, long max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultBytes;
    }
    long parsed;
    try {
      parsed = ByteSize.parseOrHeapShare(value.text(), settings.maxHeapBytes());
    } catch (IllegalArgumentException e) {
      return rejectValue(name, value, e.getMessage(), defaultBytes);
    }
    return checkByteRange(name, value, parsed, defaultBytes, min, max);
  }

  /**
   * Reads an optional absolute byte size.
   *
   * @param name a key relative to the section
   * @return the size, or empty when the key is absent or invalid
   */
  public OptionalLong optionalByteSize(String name) {
    if (!isSet(name)) {
      return OptionalLong.empty();
    }
    int before = problems.size();
    long parsed = byteSize(name, 0);
    return problems.size() == before ? OptionalLong.of(parsed) : OptionalLong.empty();
  }

  /**
   * Reads a non-negative duration such as {@code 250ms}, {@code 4h} or {@code PT4H} (see {@link
   * DurationFormat} for the forms).
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @return the duration
   */
  public Duration duration(String name, Duration defaultValue) {
    return duration(name, defaultValue, Duration.ZERO, null);
  }

  /**
   * Reads a duration within {@code [min, max]}.
   *
   * @param name a key relative to the section
   * @param defaultValue returned when the key is absent or invalid
   * @param min the shortest allowed duration
   * @param max the longest allowed duration, or null for no limit
   * @return the duration
   */
  public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    Duration parsed;
    try {
      parsed = DurationFormat.parse(value.text());
    } catch (IllegalArgumentException e) {
      return rejectValue(name, value, e.getMessage(), defaultValue);
    }
    if (parsed.compareTo(min) < 0 || (max != null && parsed.compareTo(max) > 0)) {
      String range =
          max == null
              ? "at least " + DurationFormat.format(min)
              : "from " + DurationFormat.format(min) + " to " + DurationFormat.format(max);
      return rejectValue(
          name, value, "is out of range (expected a duration " + range + ")", defaultValue);
    }
    return parsed;
  }

  /**
   * Reads an optional duration.
   *
   * @param name a key relative to the section
   * @return the duration, or empty when the key is absent or invalid
   */
  public Optional<Duration> optionalDuration(String name) {
    if (!isSet(name)) {
      return Optional.empty();
    }
    int before = problems.size();
    Duration parsed = duration(name, Duration.ZERO);
    return problems.size() == before ? Optional.of(parsed) : Optional.empty();
  }

  /**
   * Reads an enum constant, case-insensitively, with {@code -} standing for {@code _} ({@code
   * drop-oldest} and {@code DROP_OLDEST} both name {@code DROP_OLDEST}).
   *
   * @param name a key relative to the section
   * @param type the enum class
   * @param defaultValue returned when the key is absent or invalid
   * @param <E> the enum type
   * @return the constant or the default
   */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
    Objects.requireNonNull(type, "type");
    Settings.RawValue value = raw(name);
    if (value.text() == null) {
      return defaultValue;
    }
    String wanted = value.text().replace('-', '_');
    StringJoiner allowed = new StringJoiner(", ", "(expected one of: ", ")");
    for (E constant : EnumSet.allOf(type)) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
      allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return rejectValue(name, value, "is not a known value " + allowed, defaultValue);
  }

  /**
   * Records a problem the builder found itself, such as a rule across keys ({@code min-bytes} above
   * {@code max-bytes}). The section then fails with this problem among the others.
   *
   * @param name the key relative to the section that the problem is about
   * @param message what is wrong and what was expected
   */
  public void reject(String name, String message) {
    checkOpen();
    Settings.RawValue value = settings.lookup(key(name));
    problems.add(new ConfigProblem(key(name), value.text(), message + source(value)));
  }

  /** Adds unknown-key problems and throws if the section has any problem. */
  void finish(RuntimeException builderRejection) {
    checkOpen();
    finished = true;
    for (String key : settings.keysUnder(prefix)) {
      String name = key.substring(prefix.length());
      if (!knownNames.contains(name)) {
        Settings.RawValue value = settings.lookup(key);
        problems.add(
            new ConfigProblem(
                key, value.text(), unknownKeyMessage(name, knownNames, value.fromOverride())));
      }
    }
    if (problems.isEmpty() && builderRejection != null) {
      problems.add(
          new ConfigProblem(
              prefix.substring(0, prefix.length() - 1),
              null,
              String.valueOf(builderRejection.getMessage())));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems, builderRejection);
    }
  }

  static String unknownKeyMessage(String name, Collection<String> known, boolean fromOverride) {
    String suggestion =
        NearestKey.suggest(name, known).map(k -> " (did you mean " + k + "?)").orElse("");
    if (suggestion.isEmpty() && !known.isEmpty() && known.size() <= 16) {
      suggestion = " (known keys: " + String.join(", ", known) + ")";
    }
    return "is set but is not a known key"
        + suggestion
        + (fromOverride ? "; set by a system property" : "");
  }

  private Settings.RawValue raw(String name) {
    checkOpen();
    Objects.requireNonNull(name, "name");
    knownNames.add(name);
    settings.markRead(key(name));
    return settings.lookup(key(name));
  }

  private <T> T rejectValue(String name, Settings.RawValue value, String message, T fallback) {
    problems.add(new ConfigProblem(key(name), value.text(), message + source(value)));
    return fallback;
  }

  private long checkByteRange(
      String name, Settings.RawValue value, long parsed, long fallback, long min, long max) {
    if (parsed < min || parsed > max) {
      String range =
          max == Long.MAX_VALUE
              ? "at least " + ByteSize.format(min)
              : "from " + ByteSize.format(min) + " to " + ByteSize.format(max);
      return rejectValue(
          name,
          value,
          "is out of range: " + ByteSize.format(parsed) + " (expected a size " + range + ")",
          fallback);
    }
    return parsed;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException(
          "section " + prefix + " was already read; use the reader only inside Settings.read");
    }
  }

  private static String source(Settings.RawValue value) {
    return value.fromOverride() ? "; set by a system property" : "";
  }

  private static String percent(double fraction) {
    double percent = fraction * 100.0;
    return (percent == Math.rint(percent)
            ? String.valueOf((long) percent)
            : String.valueOf(percent))
        + "%";
  }
}
