package io.heapwise.monitor;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * JFR: one monitor sample. Disabled by default (enable {@code io.heapwise.MonitorSample} in a
 * recording); the monitor checks {@link #isEnabled()} on a shared instance before creating one, so
 * a sample allocates nothing when no recording wants it.
 */
@Name("io.heapwise.MonitorSample")
@Category({"heapwise", "monitor"})
@Label("Monitor Sample")
@Description("One sample of the heapwise memory monitor")
@Enabled(false)
final class MonitorSampleEvent extends jdk.jfr.Event {

  /** Never committed: only asked whether the event type is enabled. */
  static final MonitorSampleEvent PROBE = new MonitorSampleEvent();

  @Label("Heap Used")
  @Description("Heap used at the sample, garbage included")
  @DataAmount
  long heapUsed;

  @Label("Live After GC Ratio")
  @Description("Live heap after the last collection as a share of max heap; -1 before the first")
  double liveAfterGcRatio;

  @Label("Interval")
  @Description("The sampling interval chosen after this sample")
  @Timespan(Timespan.NANOSECONDS)
  long interval;
}
