package io.heapwise.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The fixed-size parts on their own: the variance window and the sampler's collection figures. */
class PartsTest {

  @Test
  void theWindowKeepsTheLastValuesAndComputesExactMeanAndVariance() {
    VarianceWindow window = new VarianceWindow(4);
    window.add(10);
    assertThat(window.isStep(100, 3, 0)).as("one value: no deviation yet").isFalse();
    window.add(20);
    assertThat(window.mean()).isEqualTo(15);
    assertThat(window.variance()).isEqualTo(25);
    window.add(30);
    window.add(40);
    window.add(50); // 10 rolls out: 20, 30, 40, 50
    assertThat(window.isFull()).isTrue();
    assertThat(window.size()).isEqualTo(4);
    assertThat(window.mean()).isEqualTo(35);
    assertThat(window.variance()).isCloseTo(125, within(1e-9)); // (225+25+25+225)/4
    double sigma = Math.sqrt(125);
    assertThat(window.isStep(35 + 3 * sigma + 0.01, 3, 0)).isTrue();
    assertThat(window.isStep(35 + 3 * sigma - 0.01, 3, 0)).isFalse();
    assertThat(window.isStep(35 + 3 * sigma + 0.01, 3, 100)).as("under min-step").isFalse();
  }

  @Test
  void minorCollectionsReportTheOldGenerationAndOnlyShrinkingOnesSettle() {
    try (HeapSampler sampler = HeapSampler.deaf()) {
      long collections = sampler.collections();
      long settled = sampler.settledCollections();
      sampler.record(300, 900, 200, false); // young GC: promotion grew old gen
      assertThat(sampler.liveAfterGcBytes()).isEqualTo(300);
      assertThat(sampler.collections()).isEqualTo(collections + 1);
      assertThat(sampler.settledCollections()).isEqualTo(settled);
      sampler.record(250, 800, 300, false); // mixed GC: old gen shrank
      assertThat(sampler.settledLiveBytes()).isEqualTo(250);
      assertThat(sampler.settledCollections()).isEqualTo(settled + 1);
      sampler.record(400, 700, 500, true); // major GC: everything left is live
      assertThat(sampler.liveAfterGcBytes()).isEqualTo(700);
      assertThat(sampler.settledLiveBytes()).isEqualTo(700);
      sampler.record(-1, 650, 0, false); // single-generation collector: the whole heap, settled
      assertThat(sampler.liveAfterGcBytes()).isEqualTo(650);
      assertThat(sampler.settledCollections()).isEqualTo(settled + 3);
    }
  }
}
