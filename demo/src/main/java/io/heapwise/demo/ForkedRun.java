package io.heapwise.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a mode in a JVM of its own, so that neither mode warms the other's JIT or heap: same heap
 * size, same collector, {@code -XX:+ExitOnOutOfMemoryError} so that a run that runs out of heap
 * ends at once and is reported rather than limping on.
 */
final class ForkedRun implements ModeRunner {

  /** How long past its planned duration a run may take (start-up, flush, store measurement). */
  private static final long GRACE_MILLIS = TimeUnit.MINUTES.toMillis(2);

  /** The exit code of a JVM stopped by -XX:+ExitOnOutOfMemoryError. */
  static final int OUT_OF_MEMORY_EXIT = 3;

  @Override
  public RunFigures run(RunPlan plan, ProgressBar progress) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("heapwise-demo-");
      return runIn(dir, plan, progress);
    } catch (IOException e) {
      return RunFigures.failed(plan.mode(), Map.of(), "could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunFigures.failed(plan.mode(), Map.of(), "interrupted");
    } finally {
      deleteQuietly(dir);
    }
  }

  private static RunFigures runIn(Path dir, RunPlan plan, ProgressBar progress)
      throws IOException, InterruptedException {
    Path result = dir.resolve("figures.properties");
    Path errors = dir.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command(plan, result))
            .redirectError(errors.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    List<String> otherOutput = new ArrayList<>();
    long served = readProgress(process, progress, otherOutput);
    boolean exited = process.waitFor(plan.durationMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    if (!exited) {
      process.destroyForcibly();
      return failed(plan, served, "did not finish in time; killed");
    }
    if (process.exitValue() == 0 && Files.exists(result)) {
      try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
        return RunFigures.read(in);
      }
    }
    List<String> output = new ArrayList<>(otherOutput);
    if (Files.exists(errors)) {
      output.addAll(Files.readAllLines(errors));
    }
    return failed(plan, served, describeFailure(process.exitValue(), output));
  }

  static List<String> command(RunPlan plan, Path result) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + plan.heap());
    command.add("-Xmx" + plan.heap());
    command.add("-XX:+UseG1GC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    for (String name : plan.commandLine().stringPropertyNames()) {
      command.add("-D" + name + "=" + plan.commandLine().getProperty(name));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServiceRunMain.class.getName());
    command.add(plan.mode().label());
    command.add(result.toString());
    command.add(plan.configFile().map(Path::toString).orElse("-"));
    command.add(plan.squeeze() ? "squeeze" : "normal");
    return command;
  }

  /** Feeds the progress bar from the run's output; returns the last count of requests served. */
  private static long readProgress(Process process, ProgressBar progress, List<String> other)
      throws IOException {
    long served = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        String[] parts = line.split(" ", -1);
        if (parts.length == 3 && parts[0].equals(ServiceRunMain.PROGRESS)) {
          served = Long.parseLong(parts[2]);
          progress.update(Long.parseLong(parts[1]), served);
        } else if (other.size() < 100) {
          other.add(line); // the JVM reports an OutOfMemoryError exit on standard output
        }
      }
    }
    return served;
  }

  /** Names why a run failed, from its exit code and what it printed. */
  static String describeFailure(int exitCode, List<String> lines) {
    for (String line : lines) {
      if (line.contains("OutOfMemoryError")) {
        return "OutOfMemoryError: " + line.substring(line.indexOf("OutOfMemoryError") + 17).trim();
      }
    }
    if (exitCode == OUT_OF_MEMORY_EXIT) {
      return "OutOfMemoryError (the JVM exited with code 3, -XX:+ExitOnOutOfMemoryError)";
    }
    String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
    return "exited with code " + exitCode + ": " + last;
  }

  private static RunFigures failed(RunPlan plan, long served, String why) {
    Map<Metric, Double> partial = new EnumMap<>(Metric.class);
    partial.put(Metric.REQUESTS, (double) served);
    return RunFigures.failed(
        plan.mode(),
        partial,
        why + " (after " + String.format(java.util.Locale.ROOT, "%,d", served) + " requests)");
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
