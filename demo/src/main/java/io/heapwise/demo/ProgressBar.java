package io.heapwise.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar per run. On a terminal it redraws one line; in a log (CI, a pipe) it prints a line
 * at each quarter so that the output stays readable.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long totalMillis;
  private final boolean interactive;
  private int lastQuarter = -1;

  ProgressBar(PrintStream out, String label, long totalMillis, boolean interactive) {
    this.out = out;
    this.label = label;
    this.totalMillis = Math.max(1, totalMillis);
    this.interactive = interactive;
  }

  void update(long elapsedMillis, long served) {
    double share = Math.min(1.0, elapsedMillis / (double) totalMillis);
    if (interactive) {
      out.print("\r" + line(share, elapsedMillis, served));
      out.flush();
      return;
    }
    int quarter = (int) (share * 4);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      out.println(line(share, elapsedMillis, served));
    }
  }

  /** Ends the bar with the run's outcome. */
  void finish(String outcome) {
    if (interactive) {
      out.println();
    }
    out.println("  " + label + ": " + outcome);
  }

  String line(double share, long elapsedMillis, long served) {
    int filled = (int) Math.round(share * WIDTH);
    return String.format(
        Locale.ROOT,
        "  %-8s [%s%s] %3d%%  %5.1f/%.1f s  %,d requests",
        label,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        Math.round(share * 100),
        elapsedMillis / 1000.0,
        totalMillis / 1000.0,
        served);
  }
}
