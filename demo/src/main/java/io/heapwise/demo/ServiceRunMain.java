package io.heapwise.demo;

import io.heapwise.core.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/**
 * One mode's run, in its own JVM: started by {@link DemoMain}, never by hand. It builds the
 * service, drives the load, prints {@code progress <elapsed-ms> <served>} lines on standard output
 * for the progress bar, and writes its {@link RunFigures} to the result file.
 *
 * <pre>ServiceRunMain plain|heapwise RESULT_FILE CONFIG_FILE|- squeeze|normal</pre>
 */
public final class ServiceRunMain {

  static final String PROGRESS = "progress";

  private ServiceRunMain() {}

  /**
   * Runs one mode.
   *
   * @param args mode, result file, config file or {@code -}, {@code squeeze} or {@code normal}
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println(
          "usage: ServiceRunMain plain|heapwise RESULT_FILE CONFIG_FILE|- squeeze|normal");
      System.exit(2);
    }
    Mode mode = Mode.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    Path result = Path.of(args[1]);
    Optional<Path> config = args[2].equals("-") ? Optional.empty() : Optional.of(Path.of(args[2]));
    boolean squeeze = args[3].equals("squeeze");
    Settings settings = DemoSettings.load(config, new Properties());
    RunFigures figures = run(mode, settings, squeeze, System.out);
    try (Writer out = Files.newBufferedWriter(result, StandardCharsets.UTF_8)) {
      figures.write(out);
    }
    System.exit(0); // background threads of the service must not keep the JVM alive
  }

  static RunFigures run(Mode mode, Settings settings, boolean squeeze, PrintStream progressOut)
      throws InterruptedException, IOException {
    DemoConfig config = DemoConfig.fromSettings(settings);
    SimulatedSink sink = new SimulatedSink(config.sinkItemsPerSecond());
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    // before the heap watcher starts counting: its histograms are not the service's allocation
    LoadGenerator load =
        new LoadGenerator(
            config.threads(), config.rate(), config.maxRate(), config.duration().toNanos());
    try (ExpertService service = ServiceFactory.create(mode, config, settings, squeeze, sink);
        HeapWatcher heap = new HeapWatcher()) {
      long start = System.nanoTime();
      LoadGenerator.Result result =
          load.run(
              service::handle,
              () -> {
                progressOut.println(
                    PROGRESS + " " + (System.nanoTime() - start) / 1_000_000 + " " + load.served());
                progressOut.flush();
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      long allocated = heap.allocatedBytes();
      figures.put(Metric.REQUESTS, (double) load.served());
      figures.put(Metric.REQUESTS_FAILED, (double) load.failed());
      figures.put(Metric.ALLOCATION_RATE, allocated / 1e6 / seconds);
      figures.put(Metric.BYTES_PER_REQUEST, allocated / (double) Math.max(1, load.served()));
      figures.put(Metric.GC_COUNT, (double) heap.gcCountSinceStart());
      figures.put(Metric.GC_PAUSE_MILLIS, (double) heap.gcMillisSinceStart());
      Histogram serviceTimes = result.serviceTimes();
      figures.put(Metric.SERVICE_MEAN_MICROS, serviceTimes.getMean() / 1e3);
      figures.put(Metric.SERVICE_P99_MICROS, serviceTimes.getValueAtPercentile(99) / 1e3);
      Histogram latencies = result.latencies();
      figures.put(Metric.LATENCY_P50_MICROS, latencies.getValueAtPercentile(50) / 1e3);
      figures.put(Metric.LATENCY_P99_MICROS, latencies.getValueAtPercentile(99) / 1e3);
      figures.put(Metric.LATENCY_P999_MICROS, latencies.getValueAtPercentile(99.9) / 1e3);
      figures.put(Metric.PEAK_HEAP_AFTER_GC_MB, heap.peakHeapAfterGcBytes() / 1e6);
      figures.putAll(service.figures());
      figures.put(Metric.STORE_MB, retainedByStore(service) / 1e6);
    }
    return RunFigures.completed(mode, figures);
  }

  /** Measures the store by what the heap gives back when it is emptied, the same in both modes. */
  private static long retainedByStore(ExpertService service) {
    long before = HeapWatcher.usedAfterFullGc();
    service.clearStore();
    long after = HeapWatcher.usedAfterFullGc();
    return Math.max(0, before - after);
  }
}
