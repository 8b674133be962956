package io.heapwise.monitor;

import io.heapwise.core.MemoryPressure;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code history-size} samples in a ring of primitive arrays allocated once, so the
 * monitor's memory does not grow with uptime. Written by the monitor thread and copied out by
 * readers, both under the monitor's lock.
 */
final class History {

  private final long[] nanos;
  private final long[] used;
  private final long[] max;
  private final long[] live;
  private final double[] overhead;
  private final double[] allocation;
  private final MemoryPressure[] level; // enum constants: references to shared singletons
  private final long[] interval;
  private int next;
  private int size;

  History(int capacity) {
    nanos = new long[capacity];
    used = new long[capacity];
    max = new long[capacity];
    live = new long[capacity];
    overhead = new double[capacity];
    allocation = new double[capacity];
    level = new MemoryPressure[capacity];
    interval = new long[capacity];
  }

  void add(
      long atNanos,
      long heapUsed,
      long heapMax,
      long liveAfterGc,
      double gcOverhead,
      double allocationRate,
      MemoryPressure pressure,
      long intervalMillis) {
    int i = next;
    nanos[i] = atNanos;
    used[i] = heapUsed;
    max[i] = heapMax;
    live[i] = liveAfterGc;
    overhead[i] = gcOverhead;
    allocation[i] = allocationRate;
    level[i] = pressure;
    interval[i] = intervalMillis;
    next = i + 1 == nanos.length ? 0 : i + 1;
    if (size < nanos.length) {
      size++;
    }
  }

  /** The newest sample, or null when empty. */
  MonitorSample last() {
    return size == 0 ? null : at(next == 0 ? nanos.length - 1 : next - 1);
  }

  /** A copy of the samples, oldest first. */
  List<MonitorSample> copy() {
    List<MonitorSample> samples = new ArrayList<>(size);
    int start = size < nanos.length ? 0 : next;
    for (int k = 0; k < size; k++) {
      samples.add(at((start + k) % nanos.length));
    }
    return samples;
  }

  private MonitorSample at(int i) {
    return new MonitorSample(
        nanos[i], used[i], max[i], live[i], overhead[i], allocation[i], level[i], interval[i]);
  }

  int size() {
    return size;
  }

  int capacity() {
    return nanos.length;
  }
}
