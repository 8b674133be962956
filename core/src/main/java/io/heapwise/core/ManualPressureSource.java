package io.heapwise.core;

/**
 * A {@link PressureSource} whose level is set by hand.
 *
 * <p>Use it to test how a component behaves under pressure without squeezing a real heap, or to
 * drive heapwise components from a signal of your own (a container memory limit, an orchestrator's
 * hint):
 *
 * <pre>{@code
 * ManualPressureSource pressure = new ManualPressureSource();
 * pressure.subscribe(cache);               // heapwise components are PressureListeners
 * pressure.set(MemoryPressure.CRITICAL);   // the cache shrinks now, on this thread
 * }</pre>
 *
 * <p>Listeners run synchronously on the thread that calls {@link #set}, with the guarantees of
 * {@link PressureBroadcaster}.
 */
public final class ManualPressureSource implements PressureSource {

  private final PressureBroadcaster broadcaster = new PressureBroadcaster("manual pressure source");

  /** Creates a source at {@link MemoryPressure#NORMAL}. */
  public ManualPressureSource() {}

  /**
   * Sets the level and, if it changed, calls every listener before returning.
   *
   * @param level the new level; must not be null
   * @return {@code true} if the level changed
   * @throws NullPointerException if {@code level} is null
   * @throws IllegalStateException if called from one of this source's listeners
   */
  public boolean set(MemoryPressure level) {
    return broadcaster.publish(level);
  }

  @Override
  public MemoryPressure currentPressure() {
    return broadcaster.currentPressure();
  }

  @Override
  public PressureSubscription subscribe(PressureListener listener) {
    return broadcaster.subscribe(listener);
  }

  /**
   * Returns how many times a listener has thrown.
   *
   * @return the number of listener failures
   */
  public long listenerFailures() {
    return broadcaster.listenerFailures();
  }
}
