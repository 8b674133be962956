package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalControllerTest {

  private final MonitorConfig config =
      MonitorConfig.builder().intervals(Duration.ofSeconds(1), Duration.ofSeconds(60)).build();

  @Test
  void stableMemoryStretchesTheIntervalToTheMaximum() {
    IntervalController controller = new IntervalController(config);
    long interval = 0;
    for (int i = 0; i < 20; i++) {
      interval = controller.next(0.40, false);
    }
    assertThat(interval).isEqualTo(Duration.ofSeconds(60).toNanos());
  }

  @Test
  void movingMemoryOrPressureBringsItBackToBase() {
    IntervalController controller = new IntervalController(config);
    for (int i = 0; i < 20; i++) {
      controller.next(0.40, false);
    }
    long afterJump = 0;
    for (int i = 0; i < 3; i++) {
      afterJump = controller.next(i % 2 == 0 ? 0.80 : 0.30, false);
    }
    assertThat(controller.deviation()).isGreaterThan(0.05);
    assertThat(afterJump).isEqualTo(Duration.ofSeconds(1).toNanos());

    IntervalController calm = new IntervalController(config);
    calm.next(0.4, false);
    calm.next(0.4, false);
    assertThat(calm.next(0.4, true)).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void inBetweenItHolds() {
    IntervalController controller = new IntervalController(config);
    controller.next(0.40, false);
    long held = controller.next(0.40, false);
    long next = controller.next(0.46, false); // deviation ~0.024: between stable and moving
    assertThat(controller.deviation()).isBetween(0.01, 0.05);
    assertThat(next).isEqualTo(held);
  }
}
