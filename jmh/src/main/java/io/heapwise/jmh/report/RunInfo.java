package io.heapwise.jmh.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Where and how a set of results was made: what the header of {@code docs/benchmarks.md} states so
 * that nobody compares numbers from different machines or settings.
 *
 * @param date the day of the run
 * @param command the command that produced the results
 * @param jdk the JDK version and VM
 * @param jvmArgs the forked JVMs' arguments
 * @param cpuModel the CPU model name
 * @param cores the number of CPUs the JVM sees
 */
record RunInfo(
    LocalDate date, String command, String jdk, List<String> jvmArgs, String cpuModel, int cores) {

  RunInfo {
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** Describes this machine, taking the JDK and JVM arguments from the results themselves. */
  static RunInfo ofThisMachine(String command, List<BenchmarkResult> results) {
    String jdk =
        results.isEmpty()
            ? System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            : results.get(0).jdk();
    List<String> jvmArgs = results.isEmpty() ? List.of() : results.get(0).jvmArgs();
    return new RunInfo(
        LocalDate.now(java.time.ZoneId.systemDefault()),
        command,
        jdk,
        jvmArgs,
        cpuModel(Path.of("/proc/cpuinfo")),
        Runtime.getRuntime().availableProcessors());
  }

  /** The first "model name" of a Linux cpuinfo file, or the OS architecture where there is none. */
  static String cpuModel(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or unreadable: fall through to what the JVM knows.
    }
    return System.getProperty("os.arch") + " (model unknown)";
  }
}
