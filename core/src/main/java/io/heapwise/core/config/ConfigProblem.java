package io.heapwise.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: which key, what value (if any) and what was expected.
 *
 * @param key the full key, e.g. {@code heapwise.cache.responses.max-bytes}
 * @param value the offending value as written, or null when the problem is not about one value (an
 *     unknown key is reported with its value; a cross-key rule may have none)
 * @param message what is wrong and what was expected, e.g. {@code is not a byte size (expected e.g.
 *     64MiB, 512KB or 25%)}
 */
public record ConfigProblem(String key, String value, String message) {

  /** Validates the components. */
  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Formats the problem as one line: {@code key: "value" message}.
   *
   * @return the human-readable description
   */
  @Override
  public String toString() {
    return value == null ? key + ": " + message : key + ": \"" + value + "\" " + message;
  }
}
