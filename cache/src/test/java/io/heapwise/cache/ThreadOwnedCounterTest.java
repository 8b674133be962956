package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The cache's hit counter: exact, bounded in cells, and its cells outlive their threads. */
class ThreadOwnedCounterTest {

  @Test
  void countsEveryAddOnOneThreadInItsOwnCell() {
    ThreadOwnedCounter counter = new ThreadOwnedCounter(16);

    for (int i = 0; i < 1_000; i++) {
      counter.increment();
    }
    counter.add(24);

    assertThat(counter.sum()).isEqualTo(1_024);
    assertThat(counter.ownedCells()).isEqualTo(1);
    assertThat(counter.sharedSum()).as("nothing went to the shared adder").isZero();
  }

  @Test
  void manyThreadsOnFewCellsCountExactly() throws InterruptedException {
    ThreadOwnedCounter counter = new ThreadOwnedCounter(4);
    int threads = 16;
    int perThread = 100_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Long> midRunSums = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                  counter.increment();
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (int i = 0; i < 20; i++) {
      midRunSums.add(counter.sum());
    }
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(counter.sum()).isEqualTo((long) threads * perThread);
    assertThat(counter.ownedCells()).isBetween(1, 4);
    assertThat(counter.sharedSum())
        .as("16 threads on 4 cells: at least 12 counted in the shared adder")
        .isGreaterThanOrEqualTo(12L * perThread);
    assertThat(midRunSums).isSorted().allMatch(s -> s >= 0 && s <= (long) threads * perThread);
  }

  @Test
  void aCollectedOwnersCellIsTakenOverWithItsCount() throws InterruptedException {
    ThreadOwnedCounter counter = new ThreadOwnedCounter(1);
    Thread first = new Thread(() -> counter.add(5));
    first.start();
    first.join();
    WeakReference<Thread> gone = new WeakReference<>(first);
    first = null;
    for (int i = 0; i < 100 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(gone.get()).as("the finished thread was collected").isNull();

    Thread second =
        new Thread(
            () -> {
              counter.add(3);
              counter.increment();
            });
    second.start();
    second.join();

    assertThat(counter.sum()).isEqualTo(9);
    assertThat(counter.sharedSum()).as("the second thread counted in the taken-over cell").isZero();
  }

  @Test
  void aLiveOwnersCellIsNotTakenOver() throws InterruptedException {
    ThreadOwnedCounter counter = new ThreadOwnedCounter(1);
    counter.add(2); // this test's thread owns the only cell, and stays alive

    Thread other = new Thread(() -> counter.add(7));
    other.start();
    other.join();

    assertThat(counter.sum()).isEqualTo(9);
    assertThat(counter.sharedSum()).isEqualTo(7);
  }

  @Test
  void threadsThatComeAndGoNeverGrowTheCellsAndLoseNothing() throws InterruptedException {
    ThreadOwnedCounter counter = new ThreadOwnedCounter(8);
    long expected = 0;
    for (int wave = 0; wave < 20; wave++) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Thread worker =
            new Thread(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    counter.increment();
                  }
                });
        worker.start();
        workers.add(worker);
        expected += 10_000;
      }
      for (Thread worker : workers) {
        worker.join();
      }
      workers.clear();
      if (wave % 5 == 4) {
        System.gc();
      }
      assertThat(counter.sum()).isEqualTo(expected);
      assertThat(counter.ownedCells()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void cellCountsArePowersOfTwoFrom16To256() {
    assertThat(ThreadOwnedCounter.cellCountFor(1)).isEqualTo(16);
    assertThat(ThreadOwnedCounter.cellCountFor(2)).isEqualTo(16);
    assertThat(ThreadOwnedCounter.cellCountFor(6)).isEqualTo(32);
    assertThat(ThreadOwnedCounter.cellCountFor(16)).isEqualTo(64);
    assertThat(ThreadOwnedCounter.cellCountFor(1_000)).isEqualTo(256);
  }

  @Test
  void aCellCountThatIsNotAPowerOfTwoIsRefused() {
    for (int bad : new int[] {0, 3, -4}) {
      assertThatThrownBy(() -> new ThreadOwnedCounter(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cell count must be a positive power of two, was " + bad);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
