package io.heapwise.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static final long SERVICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Keeps the worker busy for {@link #SERVICE_NANOS}, as a request's CPU work would. */
  private static void serve(long requestId) {
    long end = System.nanoTime() + SERVICE_NANOS;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  @Test
  void serviceTimeIsTheHandlersTimeAndLatencyRunsFromWhenTheRequestWasDue() throws Exception {
    // one worker, a request every 5 ms, each served in 1 ms: never late, never waiting
    LoadGenerator load = new LoadGenerator(1, 200, false, TimeUnit.MILLISECONDS.toNanos(300));

    LoadGenerator.Result result = load.run(LoadGeneratorTest::serve, () -> {});

    assertThat(load.served()).isEqualTo(60); // due at 0, 5, ..., 295 ms
    assertThat(result.serviceTimes().getTotalCount()).isEqualTo(load.served());
    assertThat(result.latencies().getTotalCount()).isEqualTo(load.served());
    assertThat(result.serviceTimes().getValueAtPercentile(50))
        .isBetween(SERVICE_NANOS, SERVICE_NANOS * 50);
    // a request starts no earlier than it is due, so its latency is at least its service time
    assertThat(result.latencies().getMinValue()).isGreaterThanOrEqualTo(SERVICE_NANOS);
  }

  @Test
  void aLateWorkersWaitCountsInLatencyButNotInServiceTime() throws Exception {
    // one worker asked for a request every 0.5 ms but serving each in 1 ms falls further behind,
    // and serves every request that fell due before the end
    LoadGenerator load = new LoadGenerator(1, 2_000, false, TimeUnit.MILLISECONDS.toNanos(200));

    LoadGenerator.Result result = load.run(LoadGeneratorTest::serve, () -> {});

    long served = load.served();
    assertThat(served).isEqualTo(400); // every request due within the 200 ms, served however late
    assertThat(result.serviceTimes().getValueAtPercentile(50)).isLessThan(SERVICE_NANOS * 50);
    // the last request was due at 200 ms, when about half of them had been served
    assertThat(result.latencies().getMaxValue())
        .isGreaterThan(served / 3 * SERVICE_NANOS)
        .isGreaterThan(result.serviceTimes().getMaxValue());
  }

  @Test
  void aFailedRequestIsCountedAndTimedToo() throws Exception {
    LoadGenerator load = new LoadGenerator(2, 500, false, TimeUnit.MILLISECONDS.toNanos(100));

    LoadGenerator.Result result =
        load.run(
            id -> {
              if (id % 2 == 0) {
                throw new IllegalStateException("request " + id + " fails");
              }
            },
            () -> {});

    // each worker has 25 requests due (every 4 ms for 100 ms); worker 0's ids are the even ones
    assertThat(load.failed()).isEqualTo(25);
    assertThat(load.served()).isEqualTo(25);
    assertThat(result.serviceTimes().getTotalCount()).isEqualTo(50);
    assertThat(result.latencies().getTotalCount()).isEqualTo(50);
  }
}
