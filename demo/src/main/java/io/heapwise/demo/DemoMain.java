package io.heapwise.demo;

import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heapwise demo: the same simulated expert-query service, run plain and with heapwise, each in
 * its own JVM with the same heap, then compared side by side. See {@link DemoOptions#USAGE}.
 */
public final class DemoMain {

  private final PrintStream out;
  private final PrintStream err;
  private final ModeRunner runner;
  private final boolean interactive;

  DemoMain(PrintStream out, PrintStream err, ModeRunner runner, boolean interactive) {
    this.out = out;
    this.err = err;
    this.runner = runner;
    this.interactive = interactive;
  }

  /**
   * Runs the demo.
   *
   * @param args see {@link DemoOptions#USAGE}
   */
  public static void main(String[] args) {
    DemoMain demo = new DemoMain(System.out, System.err, new ForkedRun(), isTerminal());
    System.exit(demo.run(args));
  }

  /** Whether standard output is a terminal, where a progress bar can redraw its line. */
  @SuppressWarnings("SystemConsoleNull") // JDK 17 target: console() is null when not a terminal
  private static boolean isTerminal() {
    return System.console() != null && System.getenv("CI") == null;
  }

  /** Runs the demo and returns the process exit code: 0 done, 2 bad arguments or settings. */
  int run(String... args) {
    DemoOptions options;
    DemoConfig config;
    try {
      options = DemoOptions.parse(args);
      if (options.help()) {
        out.println(DemoOptions.USAGE);
        return 0;
      }
      config = validate(DemoSettings.load(options.configFile(), options.commandLine()));
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("heapwise demo: " + e.getMessage());
      err.println(DemoOptions.USAGE);
      return 2;
    }
    String heap = options.squeeze() ? config.squeezeHeap() : config.heap();
    printHeader(config, heap, options.squeeze());
    RunFigures plain = runMode(Mode.PLAIN, config, options, heap);
    RunFigures heapwise = runMode(Mode.HEAPWISE, config, options, heap);
    out.println();
    out.println(ComparisonTable.render(plain, heapwise));
    if (options.jsonFile().isPresent()) {
      return writeJson(options, settingsSummary(config, heap, options.squeeze()), plain, heapwise);
    }
    return 0;
  }

  /** Reads every section the demo uses, so that any bad or unknown key fails before a run. */
  static DemoConfig validate(Settings settings) {
    DemoConfig config = DemoConfig.fromSettings(settings);
    HeapwiseSettings.validate(settings);
    settings.rejectUnreadKeys(DemoConfig.PREFIX);
    settings.rejectUnreadKeys("heapwise.");
    return config;
  }

  private RunFigures runMode(Mode mode, DemoConfig config, DemoOptions options, String heap) {
    long millis = config.duration().toMillis();
    ProgressBar bar = new ProgressBar(out, mode.label(), millis, interactive);
    RunFigures figures =
        runner.run(
            new RunPlan(
                mode, heap, options.squeeze(), options.configFile(), options.commandLine(), millis),
            bar);
    bar.finish(figures.failure().map(f -> "FAILED: " + f).orElse("done"));
    return figures;
  }

  private void printHeader(DemoConfig config, String heap, boolean squeeze) {
    out.println("heapwise demo: the expert-query service, plain and with heapwise");
    out.printf(
        "  %s each, %s, %d worker threads, %d experts per request, heap %s (G1), one JVM per mode%s%n",
        config.duration().toSeconds() + " s",
        config.maxRate() ? "flat out" : config.rate() + " requests/s",
        config.threads(),
        config.experts(),
        heap,
        squeeze ? ", SQUEEZED" : "");
    out.println();
  }

  private static Map<String, String> settingsSummary(
      DemoConfig config, String heap, boolean squeeze) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("duration_seconds", Long.toString(config.duration().toSeconds()));
    summary.put("rate", config.maxRate() ? "max" : Integer.toString(config.rate()));
    summary.put("threads", Integer.toString(config.threads()));
    summary.put("experts", Integer.toString(config.experts()));
    summary.put("heap", heap);
    summary.put("squeeze", Boolean.toString(squeeze));
    summary.put("java", System.getProperty("java.version"));
    summary.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return summary;
  }

  private int writeJson(
      DemoOptions options, Map<String, String> settings, RunFigures plain, RunFigures heapwise) {
    try {
      Files.writeString(
          options.jsonFile().orElseThrow(),
          JsonReport.render(settings, plain, heapwise),
          StandardCharsets.UTF_8);
      out.println("\nwrote " + options.jsonFile().get());
      return 0;
    } catch (IOException e) {
      err.println(
          "heapwise demo: cannot write " + options.jsonFile().get() + ": " + e.getMessage());
      return 1;
    }
  }
}
