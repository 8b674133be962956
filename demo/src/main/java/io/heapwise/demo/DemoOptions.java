package io.heapwise.demo;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's command line.
 *
 * @param configFile {@code --config FILE}: overrides {@code demo.properties}
 * @param jsonFile {@code --json FILE}: also write the table as JSON
 * @param squeeze {@code --squeeze}: both modes in a heap too small for the plain store
 * @param help {@code --help}
 * @param commandLine settings given as options ({@code --max-rate}, {@code --duration 5s}, {@code
 *     --rate 2000}, {@code --threads 8}), as {@code demo.*} keys
 */
record DemoOptions(
    Optional<Path> configFile,
    Optional<Path> jsonFile,
    boolean squeeze,
    boolean help,
    Properties commandLine) {

  static final String USAGE =
      """
      usage: ./demo.sh [options]
        --config FILE     settings overriding the bundled demo.properties
        --json FILE       also write the results as JSON
        --squeeze         run both modes in a heap too small for the plain store, flat out
        --max-rate        issue requests as fast as possible instead of at demo.rate
        --duration TIME   how long each mode runs, e.g. 10s (demo.duration)
        --rate N          requests per second (demo.rate)
        --threads N       worker threads (demo.threads)
        --help            this text""";

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the argument that is unknown or lacks its value
   */
  static DemoOptions parse(String... args) {
    Optional<Path> config = Optional.empty();
    Optional<Path> json = Optional.empty();
    boolean squeeze = false;
    boolean help = false;
    Properties commandLine = new Properties();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> config = Optional.of(Path.of(value(args, ++i, arg)));
        case "--json" -> json = Optional.of(Path.of(value(args, ++i, arg)));
        case "--squeeze" -> squeeze = true;
        case "--help", "-h" -> help = true;
        case "--max-rate" -> commandLine.setProperty("demo.max-rate", "true");
        case "--duration" -> commandLine.setProperty("demo.duration", value(args, ++i, arg));
        case "--rate" -> commandLine.setProperty("demo.rate", value(args, ++i, arg));
        case "--threads" -> commandLine.setProperty("demo.threads", value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    if (squeeze) {
      commandLine.setProperty("demo.max-rate", "true");
    }
    return new DemoOptions(config, json, squeeze, help, commandLine);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
