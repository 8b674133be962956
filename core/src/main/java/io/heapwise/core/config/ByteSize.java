package io.heapwise.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes byte sizes the way heapwise configuration spells them.
 *
 * <p>A size is a non-negative number, optionally with a fraction, followed by an optional unit
 * (whitespace between them is allowed; units are case-insensitive):
 *
 * <ul>
 *   <li>{@code B} or no unit: bytes ({@code 512}, {@code 512B});
 *   <li>{@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}: powers of 1024 ({@code 64MiB});
 *   <li>{@code KB}, {@code MB}, {@code GB}, {@code TB}: powers of 1000 ({@code 512KB} is 512,000
 *       bytes);
 *   <li>where a setting allows it, a share of the maximum heap: {@code 25%}.
 * </ul>
 *
 * <p>Fractional results are rounded down to whole bytes ({@code 1.5KiB} is 1536 bytes).
 * Single-letter JVM-style units such as {@code 64m} are not accepted: they are ambiguous next to
 * {@code MB}.
 */
public final class ByteSize {

  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
  private static final Pattern SHARE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSize() {}

  /**
   * Parses an absolute byte size such as {@code 64MiB}.
   *
   * @param text the size as written
   * @return the size in bytes
   * @throws IllegalArgumentException if {@code text} is not a byte size or does not fit a long; the
   *     message says what was expected
   */
  public static long parse(String text) {
    Matcher size = SIZE.matcher(text.trim());
    if (!size.matches()) {
      throw new IllegalArgumentException("is not a byte size (expected e.g. 64MiB, 512KB or 1024)");
    }
    long multiplier = unitMultiplier(size.group(2));
    if (multiplier < 0) {
      throw new IllegalArgumentException(
          "has an unknown unit \""
              + size.group(2)
              + "\" (expected B, KiB, MiB, GiB, TiB, or KB, MB, GB, TB as powers of 1000)");
    }
    return toBytes(new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(multiplier)));
  }

  /**
   * Parses a byte size that may also be written as a share of the maximum heap, such as {@code
   * 25%}.
   *
   * @param text the size as written
   * @param maxHeapBytes the maximum heap that a percentage refers to
   * @return the size in bytes
   * @throws IllegalArgumentException if {@code text} is neither a byte size nor a percentage in (0,
   *     100]; the message says what was expected
   */
  public static long parseOrHeapShare(String text, long maxHeapBytes) {
    Matcher share = SHARE.matcher(text.trim());
    if (!share.matches()) {
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage().replace("512KB or 1024", "512KB or 25%"), e);
      }
    }
    BigDecimal percent = new BigDecimal(share.group(1));
    if (percent.signum() == 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(
          "is not a share of the heap (expected a percentage above 0% and at most 100%)");
    }
    return toBytes(
        BigDecimal.valueOf(maxHeapBytes).multiply(percent).divide(BigDecimal.valueOf(100)));
  }

  /**
   * Formats a byte count with the largest binary unit that keeps at least one whole unit, e.g.
   * {@code 67108864} as {@code 64MiB} and {@code 1536} as {@code 1.5KiB}. The result parses back to
   * within 0.05 of a unit.
   *
   * @param bytes a byte count; negative counts are formatted with a leading minus sign
   * @return the formatted size
   */
  public static String format(long bytes) {
    if (bytes == Long.MIN_VALUE) {
      return bytes + "B";
    }
    long magnitude = Math.abs(bytes);
    int unit = 0;
    while (unit < BINARY_UNITS.length - 1 && magnitude >= 1L << (10 * (unit + 1))) {
      unit++;
    }
    String sign = bytes < 0 ? "-" : "";
    if (unit == 0) {
      return sign + magnitude + "B";
    }
    double value = (double) magnitude / (1L << (10 * unit));
    String number = String.format(Locale.ROOT, "%.1f", value);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return sign + number + BINARY_UNITS[unit];
  }

  private static long unitMultiplier(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1L;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "tb" -> 1_000_000_000_000L;
      default -> -1;
    };
  }

  private static long toBytes(BigDecimal bytes) {
    if (bytes.compareTo(MAX_LONG) > 0) {
      throw new IllegalArgumentException(
          "is too large (expected at most " + Long.MAX_VALUE + " bytes)");
    }
    return bytes.setScale(0, RoundingMode.DOWN).longValueExact();
  }
}
