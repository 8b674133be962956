package io.heapwise.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * What one mode's run measured: a value per {@link Metric} (absent where the mode has no such part,
 * such as the plain mode's pools), and the failure that ended the run early, if any.
 *
 * <p>The forked run writes its figures as a properties file; the orchestrator reads them back.
 */
final class RunFigures {

  private static final String MODE = "mode";
  private static final String FAILURE = "failure";

  private final Mode mode;
  private final Map<Metric, Double> values;
  private final String failure;

  private RunFigures(Mode mode, Map<Metric, Double> values, String failure) {
    this.mode = mode;
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    this.failure = failure;
  }

  /** Figures of a run that completed. */
  static RunFigures completed(Mode mode, Map<Metric, Double> values) {
    return new RunFigures(mode, values.isEmpty() ? new EnumMap<>(Metric.class) : values, null);
  }

  /** Figures of a run that failed, with what it measured before the failure. */
  static RunFigures failed(Mode mode, Map<Metric, Double> partial, String failure) {
    return new RunFigures(mode, partial.isEmpty() ? new EnumMap<>(Metric.class) : partial, failure);
  }

  Mode mode() {
    return mode;
  }

  OptionalDouble value(Metric metric) {
    Double value = values.get(metric);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  Map<Metric, Double> values() {
    return values;
  }

  /** Why the run ended early (for example an OutOfMemoryError), if it did. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  void write(Writer out) throws IOException {
    Properties properties = new Properties();
    properties.setProperty(MODE, mode.name());
    if (failure != null) {
      properties.setProperty(FAILURE, failure);
    }
    values.forEach((metric, value) -> properties.setProperty(metric.key(), Double.toString(value)));
    properties.store(out, "heapwise demo run figures");
  }

  /**
   * Reads figures written by {@link #write}.
   *
   * @throws IOException if the text cannot be read or is not a run's figures
   */
  static RunFigures read(Reader in) throws IOException {
    Properties properties = new Properties();
    properties.load(in);
    String mode = properties.getProperty(MODE);
    if (mode == null) {
      throw new IOException("not a run's figures: no '" + MODE + "' key");
    }
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      String text = properties.getProperty(metric.key());
      if (text != null) {
        try {
          values.put(metric, Double.valueOf(text));
        } catch (NumberFormatException e) {
          throw new IOException("figure '" + metric.key() + "' is not a number: " + text, e);
        }
      }
    }
    return new RunFigures(Mode.valueOf(mode), values, properties.getProperty(FAILURE));
  }
}
