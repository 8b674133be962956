package io.heapwise.jmh.buffer;

import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.GroupScore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * One producer and one consumer thread, per group: the producer offers single items ({@code
 * *Offer}) or batches of 16 ({@code *OfferBatch}, scored per item) while the consumer drains up to
 * 256 at a time. Read the producer lines (items per µs and {@code gc.alloc.rate.norm}); a consumer
 * line counts its empty drains too. Baseline: raw JCTools MpscArrayQueue.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class BufferHandOffBenchmark {

  private final HandOffQueues queues = new HandOffQueues();

  @Benchmark
  @Baseline
  @Group("jctools")
  @GroupThreads(1)
  @GroupScore
  public void jctoolsOffer(Control control) {
    queues.jctoolsOffer(control);
  }

  @Benchmark
  @Group("jctools")
  @GroupThreads(1)
  public int jctoolsDrain() {
    return queues.jctoolsDrain();
  }

  @Benchmark
  @Group("jdk")
  @GroupThreads(1)
  @GroupScore
  public void jdkOffer(Control control) {
    queues.jdkOffer(control);
  }

  @Benchmark
  @Group("jdk")
  @GroupThreads(1)
  public int jdkDrain() {
    return queues.jdkDrain();
  }

  @Benchmark
  @Group("heapwise")
  @GroupThreads(1)
  @GroupScore
  public void heapwiseOffer(Control control) throws InterruptedException {
    queues.heapwiseOffer(control);
  }

  @Benchmark
  @Group("heapwise")
  @GroupThreads(1)
  public int heapwiseDrain() {
    return queues.heapwiseDrain();
  }

  @Benchmark
  @Group("jctoolsBatch")
  @GroupThreads(1)
  @OperationsPerInvocation(HandOffQueues.BATCH)
  @GroupScore
  public void jctoolsOfferBatch(Control control) {
    queues.jctoolsFill(control);
  }

  @Benchmark
  @Group("jctoolsBatch")
  @GroupThreads(1)
  public int jctoolsBatchDrain() {
    return queues.jctoolsDrain();
  }

  @Benchmark
  @Group("jdkBatch")
  @GroupThreads(1)
  @OperationsPerInvocation(HandOffQueues.BATCH)
  @GroupScore
  public void jdkOfferBatch(Control control) {
    queues.jdkOfferBatch(control);
  }

  @Benchmark
  @Group("jdkBatch")
  @GroupThreads(1)
  public int jdkBatchDrain() {
    return queues.jdkDrain();
  }

  @Benchmark
  @Group("heapwiseBatch")
  @GroupThreads(1)
  @OperationsPerInvocation(HandOffQueues.BATCH)
  @GroupScore
  public void heapwiseOfferBatch(Control control) throws InterruptedException {
    queues.heapwiseOfferBatch(control);
  }

  @Benchmark
  @Group("heapwiseBatch")
  @GroupThreads(1)
  public int heapwiseBatchDrain() {
    return queues.heapwiseDrain();
  }
}
