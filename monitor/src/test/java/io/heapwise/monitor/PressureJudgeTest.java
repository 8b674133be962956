package io.heapwise.monitor;

import static io.heapwise.core.MemoryPressure.CRITICAL;
import static io.heapwise.core.MemoryPressure.ELEVATED;
import static io.heapwise.core.MemoryPressure.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.core.MemoryPressure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PressureJudgeTest {

  private final PressureJudge judge = new PressureJudge(MonitorConfig.defaults());

  @Test
  void risesAtTheThresholdsOfEitherFigure() {
    assertThat(judge.judge(NORMAL, 0.69, 0.0)).isEqualTo(NORMAL);
    assertThat(judge.judge(NORMAL, 0.70, 0.0)).isEqualTo(ELEVATED);
    assertThat(judge.judge(NORMAL, 0.85, 0.0)).isEqualTo(CRITICAL);
    assertThat(judge.judge(NORMAL, 0.10, 0.10)).isEqualTo(ELEVATED);
    assertThat(judge.judge(NORMAL, 0.10, 0.25)).isEqualTo(CRITICAL);
    assertThat(judge.judge(ELEVATED, 0.90, 0.0)).isEqualTo(CRITICAL);
  }

  @Test
  void leavesALevelOnlyFivePointsBelowItsThreshold() {
    assertThat(judge.judge(ELEVATED, 0.66, 0.0)).isEqualTo(ELEVATED);
    assertThat(judge.judge(ELEVATED, 0.64, 0.0)).isEqualTo(NORMAL);
    assertThat(judge.judge(CRITICAL, 0.81, 0.0)).isEqualTo(CRITICAL);
    assertThat(judge.judge(CRITICAL, 0.79, 0.0)).isEqualTo(ELEVATED);
    assertThat(judge.judge(CRITICAL, 0.10, 0.0)).isEqualTo(NORMAL);
    assertThat(judge.judge(ELEVATED, 0.10, 0.06)).isEqualTo(ELEVATED); // GC overhead holds it
  }

  @Test
  void noFlappingUnderFivePercentNoise() {
    SplittableRandom random = new SplittableRandom(42);
    MemoryPressure level = NORMAL;
    int changes = 0;
    for (int i = 0; i < 10_000; i++) {
      double live = 0.72 + (random.nextDouble() - 0.5) * 0.10; // 0.67 .. 0.77
      MemoryPressure next = judge.judge(level, live, 0.0);
      if (next != level) {
        changes++;
        level = next;
      }
    }
    assertThat(changes).isEqualTo(1);
    assertThat(level).isEqualTo(ELEVATED);
  }
}
