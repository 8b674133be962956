package io.heapwise.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way heapwise configuration spells them.
 *
 * <p>A duration is a non-negative number, optionally with a fraction, followed by a unit
 * (whitespace between them is allowed): {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}
 * (minutes), {@code h}, {@code d}; for example {@code 250ms}, {@code 5s}, {@code 10m}, {@code 4h},
 * {@code 1d}, {@code 1.5s}. ISO-8601 as read by {@link Duration#parse} is accepted too ({@code
 * PT4H}, {@code P1D}). A bare number is rejected: {@code 30} could mean seconds or milliseconds.
 */
public final class DurationFormat {

  private static final Pattern AMOUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-zµ]*)");
  private static final String EXPECTED = "(expected e.g. 250ms, 5s, 10m, 4h, 1d or PT4H)";

  private DurationFormat() {}

  /**
   * Parses a duration such as {@code 250ms} or {@code PT4H}.
   *
   * @param text the duration as written
   * @return the duration; never negative
   * @throws IllegalArgumentException if {@code text} is not a non-negative duration; the message
   *     says what was expected
   */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
      return parseIso(trimmed);
    }
    Matcher amount = AMOUNT.matcher(trimmed);
    if (!amount.matches()) {
      throw new IllegalArgumentException("is not a duration " + EXPECTED);
    }
    if (amount.group(2).isEmpty()) {
      throw new IllegalArgumentException("has no unit " + EXPECTED);
    }
    long nanosPerUnit = nanosPerUnit(amount.group(2));
    if (nanosPerUnit < 0) {
      throw new IllegalArgumentException(
          "has an unknown unit \"" + amount.group(2) + "\" (expected ns, us, ms, s, m, h or d)");
    }
    BigDecimal nanos =
        new BigDecimal(amount.group(1))
            .multiply(BigDecimal.valueOf(nanosPerUnit))
            .setScale(0, RoundingMode.DOWN);
    BigDecimal seconds = nanos.divideToIntegralValue(BigDecimal.valueOf(1_000_000_000L));
    if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("is too long " + EXPECTED);
    }
    long nanoAdjustment = nanos.remainder(BigDecimal.valueOf(1_000_000_000L)).longValueExact();
    return Duration.ofSeconds(seconds.longValueExact(), nanoAdjustment);
  }

  /**
   * Formats a duration in the largest unit that expresses it exactly, e.g. {@code 4h}, {@code
   * 250ms}, {@code 90s}. The result parses back to the same duration.
   *
   * @param duration a non-negative duration
   * @return the formatted duration
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot format a negative duration: " + duration);
    }
    if (duration.toNanosPart() == 0) {
      long seconds = duration.toSeconds();
      if (seconds != 0 && seconds % 86_400 == 0) {
        return seconds / 86_400 + "d";
      }
      if (seconds != 0 && seconds % 3_600 == 0) {
        return seconds / 3_600 + "h";
      }
      if (seconds != 0 && seconds % 60 == 0) {
        return seconds / 60 + "m";
      }
      return seconds + "s";
    }
    if (duration.toSeconds() < Long.MAX_VALUE / 1_000_000_000L) {
      long nanos = duration.toNanos();
      if (nanos % 1_000_000 == 0) {
        return nanos / 1_000_000 + "ms";
      }
      if (nanos % 1_000 == 0) {
        return nanos / 1_000 + "us";
      }
      return nanos + "ns";
    }
    return duration.toString();
  }

  private static Duration parseIso(String text) {
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not a duration " + EXPECTED, e);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("is negative " + EXPECTED);
    }
    return duration;
  }

  private static long nanosPerUnit(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m", "min" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      default -> -1;
    };
  }
}
