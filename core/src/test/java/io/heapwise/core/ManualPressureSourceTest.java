package io.heapwise.core;

import static io.heapwise.core.MemoryPressure.CRITICAL;
import static io.heapwise.core.MemoryPressure.ELEVATED;
import static io.heapwise.core.MemoryPressure.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualPressureSourceTest {

  @Test
  void setDrivesListenersSynchronously() {
    ManualPressureSource source = new ManualPressureSource();
    List<String> seen = new ArrayList<>();
    PressureSubscription subscription =
        source.subscribe((previous, current) -> seen.add(previous + "->" + current));

    assertThat(source.set(CRITICAL)).isTrue();
    assertThat(seen).containsExactly("NORMAL->CRITICAL");
    assertThat(source.set(CRITICAL)).isFalse();
    source.set(NORMAL);
    subscription.close();
    source.set(ELEVATED);

    assertThat(seen).containsExactly("NORMAL->CRITICAL", "CRITICAL->NORMAL");
    assertThat(source.currentPressure()).isEqualTo(ELEVATED);
  }

  @Test
  void countsListenerFailures() {
    ManualPressureSource source = new ManualPressureSource();
    source.subscribe(
        (previous, current) -> {
          throw new UnsupportedOperationException("boom");
        });

    source.set(ELEVATED);

    assertThat(source.listenerFailures()).isEqualTo(1);
    assertThat(source.currentPressure()).isEqualTo(ELEVATED);
  }
}
