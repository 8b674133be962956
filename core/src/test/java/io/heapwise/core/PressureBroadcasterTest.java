package io.heapwise.core;

import static io.heapwise.core.MemoryPressure.CRITICAL;
import static io.heapwise.core.MemoryPressure.ELEVATED;
import static io.heapwise.core.MemoryPressure.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PressureBroadcasterTest {

  private final PressureBroadcaster broadcaster = new PressureBroadcaster("test source");

  @Test
  void startsAtNormal() {
    assertThat(broadcaster.currentPressure()).isEqualTo(NORMAL);
  }

  @Test
  void deliversEachChangeInOrderWithThePreviousLevel() {
    List<String> seen = new ArrayList<>();
    broadcaster.subscribe((previous, current) -> seen.add(previous + "->" + current));

    assertThat(broadcaster.publish(ELEVATED)).isTrue();
    assertThat(broadcaster.publish(CRITICAL)).isTrue();
    assertThat(broadcaster.publish(NORMAL)).isTrue();

    assertThat(seen).containsExactly("NORMAL->ELEVATED", "ELEVATED->CRITICAL", "CRITICAL->NORMAL");
    assertThat(broadcaster.currentPressure()).isEqualTo(NORMAL);
  }

  @Test
  void publishingTheCurrentLevelCallsNobody() {
    List<MemoryPressure> seen = new ArrayList<>();
    broadcaster.subscribe((previous, current) -> seen.add(current));

    assertThat(broadcaster.publish(NORMAL)).isFalse();
    broadcaster.publish(ELEVATED);
    assertThat(broadcaster.publish(ELEVATED)).isFalse();

    assertThat(seen).containsExactly(ELEVATED);
  }

  @Test
  void lateSubscriberLearnsThePressureAlreadyInForce() {
    broadcaster.publish(CRITICAL);
    List<String> seen = new ArrayList<>();

    broadcaster.subscribe((previous, current) -> seen.add(previous + "->" + current));

    assertThat(seen).containsExactly("NORMAL->CRITICAL");
  }

  @Test
  void subscriberAtNormalIsNotCalledOnSubscribe() {
    List<MemoryPressure> seen = new ArrayList<>();
    broadcaster.subscribe((previous, current) -> seen.add(current));
    assertThat(seen).isEmpty();
  }

  @Test
  void closedSubscriptionReceivesNothingAndClosingTwiceIsHarmless() {
    List<MemoryPressure> seen = new ArrayList<>();
    PressureSubscription subscription =
        broadcaster.subscribe((previous, current) -> seen.add(current));
    broadcaster.publish(ELEVATED);

    subscription.close();
    subscription.close();
    broadcaster.publish(CRITICAL);

    assertThat(seen).containsExactly(ELEVATED);
    assertThat(broadcaster.listenerCount()).isZero();
  }

  @Test
  void throwingListenerIsCountedAndDoesNotStopTheOthers() {
    List<MemoryPressure> seen = new ArrayList<>();
    broadcaster.subscribe(
        (previous, current) -> {
          throw new IllegalStateException("listener bug");
        });
    broadcaster.subscribe((previous, current) -> seen.add(current));

    broadcaster.publish(ELEVATED);
    broadcaster.publish(CRITICAL);

    assertThat(seen).containsExactly(ELEVATED, CRITICAL);
    assertThat(broadcaster.listenerFailures()).isEqualTo(2);
    assertThat(broadcaster.currentPressure()).isEqualTo(CRITICAL);
    assertThat(broadcaster.listenerCount()).isEqualTo(2);
  }

  @Test
  void listenerThatPublishesIsRefusedAndCountedAsAFailure() {
    List<MemoryPressure> seen = new ArrayList<>();
    broadcaster.subscribe((previous, current) -> broadcaster.publish(NORMAL));
    broadcaster.subscribe((previous, current) -> seen.add(current));

    broadcaster.publish(ELEVATED);

    assertThat(broadcaster.currentPressure()).isEqualTo(ELEVATED);
    assertThat(broadcaster.listenerFailures()).isEqualTo(1);
    assertThat(seen).containsExactly(ELEVATED);
  }

  @Test
  void nullArgumentsAreRejectedWithTheirName() {
    assertThatNullPointerException()
        .isThrownBy(() -> broadcaster.subscribe(null))
        .withMessageContaining("listener");
    assertThatNullPointerException()
        .isThrownBy(() -> broadcaster.publish(null))
        .withMessageContaining("pressure level");
  }
}
