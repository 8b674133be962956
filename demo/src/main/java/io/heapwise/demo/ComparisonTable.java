package io.heapwise.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The side-by-side table: a row per {@link Metric}, the plain and heapwise values, the change. */
final class ComparisonTable {

  private static final String ABSENT = "—";

  private ComparisonTable() {}

  /** The change from plain to heapwise in percent; empty when either is absent or plain is 0. */
  static OptionalDouble changePercent(RunFigures plain, RunFigures heapwise, Metric metric) {
    OptionalDouble before = plain.value(metric);
    OptionalDouble after = heapwise.value(metric);
    if (before.isEmpty() || after.isEmpty() || before.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        (after.getAsDouble() - before.getAsDouble()) / before.getAsDouble() * 100);
  }

  /** Renders the table as aligned text, with a line per failed run under it. */
  static String render(RunFigures plain, RunFigures heapwise) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "plain", "heapwise", "change"});
    for (Metric metric : Metric.values()) {
      if (plain.value(metric).isEmpty() && heapwise.value(metric).isEmpty()) {
        continue;
      }
      rows.add(
          new String[] {
            metric.label(),
            cell(plain, metric),
            cell(heapwise, metric),
            change(changePercent(plain, heapwise, metric))
          });
    }
    StringBuilder out = new StringBuilder();
    int[] widths = widths(rows);
    for (int r = 0; r < rows.size(); r++) {
      appendRow(out, rows.get(r), widths);
      if (r == 0) {
        appendRule(out, widths);
      }
    }
    for (RunFigures run : List.of(plain, heapwise)) {
      run.failure()
          .ifPresent(
              f -> out.append("\n").append(run.mode().label()).append(" run failed: ").append(f));
    }
    return out.toString();
  }

  private static String cell(RunFigures run, Metric metric) {
    OptionalDouble value = run.value(metric);
    return value.isPresent() ? metric.format(value.getAsDouble()) : ABSENT;
  }

  private static String change(OptionalDouble percent) {
    if (percent.isEmpty()) {
      return ABSENT;
    }
    double value = percent.getAsDouble();
    return String.format(Locale.ROOT, "%+.1f%%", value);
  }

  private static int[] widths(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    return widths;
  }

  private static void appendRow(StringBuilder out, String[] row, int[] widths) {
    out.append(pad(row[0], widths[0], false));
    for (int c = 1; c < row.length; c++) {
      out.append("  ").append(pad(row[c], widths[c], true));
    }
    out.append('\n');
  }

  private static void appendRule(StringBuilder out, int[] widths) {
    int total = widths.length * 2 - 2;
    for (int width : widths) {
      total += width;
    }
    out.append("-".repeat(total)).append('\n');
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }
}
