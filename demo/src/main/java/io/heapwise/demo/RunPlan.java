package io.heapwise.demo;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How to run one mode: what the orchestrator decided and what the forked JVM needs to know.
 *
 * @param mode plain or heapwise
 * @param heap the forked JVM's heap ({@code -Xms} and {@code -Xmx})
 * @param squeeze whether this is a {@code --squeeze} run
 * @param configFile the user's {@code --config} file, if any
 * @param commandLine settings given as command-line options, passed on as system properties
 * @param durationMillis how long the run lasts, for the progress bar and the time-out
 */
record RunPlan(
    Mode mode,
    String heap,
    boolean squeeze,
    Optional<Path> configFile,
    Properties commandLine,
    long durationMillis) {}
