package io.heapwise.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR: the monitor published a new pressure level. Rare: one per level change. */
@Name("io.heapwise.PressureChanged")
@Category({"heapwise", "monitor"})
@Label("Pressure Changed")
@Description("The memory monitor published a new memory-pressure level")
final class PressureChangedEvent extends jdk.jfr.Event {

  @Label("Previous")
  @Description("The level before")
  String previous;

  @Label("Current")
  @Description("The level published")
  String current;

  @Label("Live After GC Ratio")
  @Description("Live heap after the last collection as a share of max heap; -1 before the first")
  double liveAfterGcRatio;

  @Label("GC Overhead")
  @Description("Share of wall time spent in GC, smoothed over about five seconds")
  double gcOverhead;
}
