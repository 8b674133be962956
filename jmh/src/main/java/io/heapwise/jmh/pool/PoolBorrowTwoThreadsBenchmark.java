package io.heapwise.jmh.pool;

import io.heapwise.jmh.report.Headline;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link PoolBorrowBenchmark} on 2 threads sharing each pool: every strategy's fast path under
 * contention for the same objects. JMH inherits the benchmark methods; only the thread count
 * differs, so the two classes' groups compare directly.
 */
@Headline("pool borrow + release, 2 threads")
@Threads(2)
public class PoolBorrowTwoThreadsBenchmark extends PoolBorrowBenchmark {}
