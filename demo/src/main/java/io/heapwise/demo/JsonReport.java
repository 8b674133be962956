package io.heapwise.demo;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The table as JSON, for scripts: the settings that matter for comparison, each run's figures (keys
 * as {@link Metric#key()}, absent figures omitted, a {@code failure} string when a run ended early)
 * and the change in percent.
 */
final class JsonReport {

  private JsonReport() {}

  static String render(Map<String, String> settings, RunFigures plain, RunFigures heapwise) {
    StringBuilder out = new StringBuilder("{\n  \"settings\": {");
    String separator = "\n";
    for (Map.Entry<String, String> entry : settings.entrySet()) {
      out.append(separator).append("    ").append(quote(entry.getKey())).append(": ");
      out.append(quote(entry.getValue()));
      separator = ",\n";
    }
    out.append("\n  },\n");
    run(out, plain);
    out.append(",\n");
    run(out, heapwise);
    out.append(",\n  \"change_percent\": {");
    separator = "\n";
    for (Metric metric : Metric.values()) {
      OptionalDouble change = ComparisonTable.changePercent(plain, heapwise, metric);
      if (change.isPresent()) {
        out.append(separator).append("    ").append(quote(metric.key())).append(": ");
        out.append(number(change.getAsDouble()));
        separator = ",\n";
      }
    }
    return out.append("\n  }\n}\n").toString();
  }

  private static void run(StringBuilder out, RunFigures run) {
    out.append("  ").append(quote(run.mode().label())).append(": {");
    String separator = "\n";
    if (run.failure().isPresent()) {
      out.append(separator).append("    \"failure\": ").append(quote(run.failure().get()));
      separator = ",\n";
    }
    for (Map.Entry<Metric, Double> entry : run.values().entrySet()) {
      out.append(separator).append("    ").append(quote(entry.getKey().key())).append(": ");
      out.append(number(entry.getValue()));
      separator = ",\n";
    }
    out.append("\n  }");
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
