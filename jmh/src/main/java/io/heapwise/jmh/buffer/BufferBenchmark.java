package io.heapwise.jmh.buffer;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferConfig;
import io.heapwise.buffer.OverflowPolicy;
import io.heapwise.jmh.report.Baseline;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Offer 64 items then hand them to the consumer in one batch, per operation: the heapwise buffer
 * (exact bound, counted outcomes) against a JDK ArrayBlockingQueue and a raw JCTools MpscArrayQueue
 * (no exact bound, no policies). Single thread: the cost of the bookkeeping.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BufferBenchmark {

  private static final int BATCH = 64;
  private static final Integer ITEM = 42;

  private BoundedBatchBuffer<Integer> heapwise;
  private ArrayBlockingQueue<Integer> jdk;
  private MpscArrayQueue<Integer> jctools;
  private long consumed;

  @Setup
  public void setUp() {
    heapwise =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("bench")
                    .capacity(1000)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .drainBatchSize(BATCH)
                    .build(),
                batch -> consumed += batch.size())
            .build();
    jdk = new ArrayBlockingQueue<>(1000);
    jctools = new MpscArrayQueue<>(1000);
  }

  @Benchmark
  @Baseline
  @OperationsPerInvocation(BATCH)
  public long arrayBlockingQueue() {
    for (int i = 0; i < BATCH; i++) {
      jdk.offer(ITEM);
    }
    Integer item;
    while ((item = jdk.poll()) != null) {
      consumed += item;
    }
    return consumed;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long jctoolsMpsc() {
    for (int i = 0; i < BATCH; i++) {
      jctools.offer(ITEM);
    }
    return consumed += jctools.drain(item -> {});
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long heapwise() throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      heapwise.offer(ITEM);
    }
    heapwise.drain();
    return consumed;
  }
}
