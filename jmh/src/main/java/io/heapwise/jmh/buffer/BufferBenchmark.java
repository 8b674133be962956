package io.heapwise.jmh.buffer;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferConfig;
import io.heapwise.buffer.OverflowPolicy;
import io.heapwise.jmh.report.Baseline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
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
 * Offer 64 items then hand them to the consumer, per operation, on one thread: the cost of the
 * bookkeeping (exact bound, counted outcomes) against a JDK ArrayBlockingQueue and a raw JCTools
 * MpscArrayQueue (no exact bound, no policies). Single items ({@code offer} x 64 then a drain) and
 * one batch of 64 ({@code offerBatch} / {@code fill}, then a drain). Scores are per item.
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
  private final List<Integer> batch = new ArrayList<>(Collections.nCopies(BATCH, ITEM));
  private final List<Integer> drained = new ArrayList<>(BATCH);
  private long consumed;

  /** A static method reference: JCTools' supplier without an allocation per call. */
  private static Integer item() {
    return ITEM;
  }

  private final Consumer<Integer> sink = this::count;
  private final MessagePassingQueue.Consumer<Integer> jctoolsSink = this::count;

  private void count(Integer item) {
    consumed++;
  }

  @Setup
  public void setUp() {
    heapwise =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("bench")
                    .capacity(1000)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .drainBatchSize(BATCH)
                    .build(),
                items -> consumed += items.size())
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

  /** Single offers, drained to the batch handler. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long heapwise() throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      heapwise.offer(ITEM);
    }
    heapwise.drain();
    return consumed;
  }

  /** Single offers, drained item by item to a consumer (the JCTools {@code drain} shape). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long heapwiseDrainConsumer() throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      heapwise.offer(ITEM);
    }
    heapwise.drain(sink, BATCH);
    return consumed;
  }

  /** ArrayBlockingQueue has no batch offer: 64 offers, then {@code drainTo} a reused list. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long arrayBlockingQueueBatch() {
    for (int i = 0; i < BATCH; i++) {
      jdk.offer(ITEM);
    }
    drained.clear();
    return consumed += jdk.drainTo(drained, BATCH);
  }

  /** JCTools {@code fill}: one CAS claims the 64 slots (partial claims possible, not here). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long jctoolsMpscBatch() {
    jctools.fill(BufferBenchmark::item, BATCH);
    return consumed += jctools.drain(jctoolsSink, BATCH);
  }

  /** One all-or-nothing batch of 64, drained into a reused list. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long heapwiseBatch() throws InterruptedException {
    heapwise.offerBatch(batch);
    drained.clear();
    return consumed += heapwise.drainTo(drained, BATCH);
  }
}
