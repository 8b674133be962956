package io.heapwise.jmh.monitor;

import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.Headline;
import io.heapwise.monitor.MemoryMonitor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One monitor sample: heapwise's whole per-sample work (Runtime heap figures, GC count and time,
 * total allocated bytes, clock, pressure judgement, variance window and interval, leak and history
 * rings) against the plain sample most monitors take ({@code MemoryMXBean.getHeapMemoryUsage()}, GC
 * counts and times, allocated bytes, clock), which allocates a {@code MemoryUsage} per call. The
 * issue's goal for heapwise: at most 1 us and 0 B per sample ({@code gc.alloc.rate.norm} with
 * {@code -prof gc}).
 */
@Headline("monitor sample")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class MonitorSampleBenchmark {

  private MemoryMonitor.Probe probe;
  private MemoryMXBean memory;
  private GarbageCollectorMXBean[] collectors;
  private com.sun.management.ThreadMXBean threads;

  @Setup
  public void setUp() {
    probe = MemoryMonitor.benchmarkProbe();
    memory = ManagementFactory.getMemoryMXBean();
    collectors =
        ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
    threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  @TearDown
  public void tearDown() {
    probe.close();
  }

  /** The whole heapwise sample, as the monitor thread takes it. */
  @Benchmark
  public long heapwiseSample() {
    return probe.sample();
  }

  /** The plain sample: the usual MXBean reads, no judgement, no window, no history. */
  @Benchmark
  @Baseline
  public long plainMxBeanSample() {
    long sum = memory.getHeapMemoryUsage().getUsed();
    for (GarbageCollectorMXBean collector : collectors) {
      sum += collector.getCollectionCount() + collector.getCollectionTime();
    }
    return sum + threads.getTotalThreadAllocatedBytes() + System.nanoTime();
  }
}
