package io.heapwise.core.config;

import java.util.List;

/**
 * A configuration could not be read. The message lists every problem found, one per line, each
 * naming the full key, the bad value and what was expected, so that one run of a service reports
 * everything wrong with its configuration at once.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /**
   * Creates an exception that reports the given problems.
   *
   * @param problems the problems, in the order they were found; at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<ConfigProblem> problems) {
    this(problems, null);
  }

  /**
   * Creates an exception that reports the given problems and keeps the failure that led to them.
   *
   * @param problems the problems, in the order they were found; at least one
   * @param cause the underlying failure, or null
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<ConfigProblem> problems, Throwable cause) {
    super(describe(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem found, in the order they were found.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return "invalid heapwise configuration: " + problems.get(0);
    }
    StringBuilder text =
        new StringBuilder("invalid heapwise configuration (")
            .append(problems.size())
            .append(" problems):");
    for (ConfigProblem problem : problems) {
      text.append(System.lineSeparator()).append("  ").append(problem);
    }
    return text.toString();
  }
}
