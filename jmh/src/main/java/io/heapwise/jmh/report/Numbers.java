package io.heapwise.jmh.report;

import java.util.Locale;

/** How the report prints scores, errors, allocation and ratios. */
final class Numbers {

  private Numbers() {}

  /** Three significant digits or more, with thousands separators; "n/a" for NaN. */
  static String score(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** Bytes per operation: whole bytes, or two decimals below 10 so that "0.01" is not "0". */
  static String bytes(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return value < 10
        ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A ratio such as {@code 2.41x}; an em dash when there is none. */
  static String ratio(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "—";
    }
    if (value == 0) {
      return "0x";
    }
    return value < 0.01 ? "<0.01x" : String.format(Locale.ROOT, "%.2fx", value);
  }
}
