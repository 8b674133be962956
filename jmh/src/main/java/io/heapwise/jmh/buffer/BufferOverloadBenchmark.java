package io.heapwise.jmh.buffer;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferConfig;
import io.heapwise.buffer.OverflowPolicy;
import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.GroupScore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Overload: two producers offer faster than the store behind the buffer (about 0.3 µs of work per
 * item) can take, into a buffer of 256. Under BLOCK the producers park until the one consumer
 * thread has delivered; under CALLER_RUNS a producer that finds the buffer full takes the room the
 * delivery in progress frees (backing off for up to 20 µs while another thread delivers) or else
 * delivers what is queued and its own item itself, so deliveries seldom pay for waking a producer
 * (LOG4J2-2606 measured about 3x with 32 producers). Read the producer lines: items per µs. A
 * consumer thread runs in both groups. {@code -tg 8,1} (without {@code storeAlone}) runs 8
 * producers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class BufferOverloadBenchmark {

  private static final Integer ITEM = 42;
  private static final long WORK_PER_ITEM = 100; // Blackhole.consumeCPU tokens

  private BoundedBatchBuffer<Integer> buffer;

  private BoundedBatchBuffer<Integer> buffer(OverflowPolicy policy) {
    return BoundedBatchBuffer.<Integer>builder(
            BufferConfig.builder("overload-" + policy)
                .capacity(256)
                .overflowPolicy(policy)
                .blockTimeout(Duration.ofMillis(50))
                .drainBatchSize(64)
                .build(),
            items -> Blackhole.consumeCPU(WORK_PER_ITEM * items.size()))
        .build();
  }

  /** The group's policy, from the group's name (JMH sets up one state per group). */
  @Setup(Level.Trial)
  public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
    buffer =
        buffer(
            params.getBenchmark().endsWith("callerRuns")
                ? OverflowPolicy.CALLER_RUNS
                : OverflowPolicy.BLOCK);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    buffer.close();
  }

  @Benchmark
  @Baseline
  @Group("block")
  @GroupThreads(2)
  @GroupScore
  public Object blockOffer() throws InterruptedException {
    return buffer.offer(ITEM, OverflowPolicy.BLOCK);
  }

  @Benchmark
  @Group("block")
  @GroupThreads(1)
  public int blockConsumer() {
    int taken = buffer.drain();
    if (taken == 0) {
      Thread.onSpinWait();
    }
    return taken;
  }

  /**
   * The store's work for one item on one thread, nothing else: the ceiling of either policy, since
   * both keep a single consumer (CALLER_RUNS moves the store onto a producer, but still one thread
   * at a time). Items per µs, like the producer lines.
   */
  @Benchmark
  @Group("storeAlone")
  @GroupThreads(1)
  public void storeAlone() {
    Blackhole.consumeCPU(WORK_PER_ITEM);
  }

  @Benchmark
  @Group("callerRuns")
  @GroupThreads(2)
  @GroupScore
  public Object callerRunsOffer() throws InterruptedException {
    return buffer.offer(ITEM, OverflowPolicy.CALLER_RUNS);
  }

  @Benchmark
  @Group("callerRuns")
  @GroupThreads(1)
  public int callerRunsConsumer() {
    int taken = buffer.drain();
    if (taken == 0) {
      Thread.onSpinWait();
    }
    return taken;
  }
}
