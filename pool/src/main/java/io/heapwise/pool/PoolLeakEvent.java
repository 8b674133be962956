package io.heapwise.pool;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code io.heapwise.PoolLeak}: one leak report. The JFR stack trace would show the leak
 * scanner, so it is off; the borrower's stack, when it was captured, is in {@code borrowSite}.
 */
@Name("io.heapwise.PoolLeak")
@Category({"heapwise", "pool"})
@Label("Pool Leak")
@Description("A pooled object held longer than the leak threshold, or never released")
@StackTrace(false)
final class PoolLeakEvent extends jdk.jfr.Event {

  @Label("Pool")
  String pool;

  @Label("Kind")
  @Description("HELD_TOO_LONG or UNREACHABLE")
  String kind;

  @Label("Held")
  @Timespan(Timespan.NANOSECONDS)
  long held;

  @Label("Borrower Thread")
  String borrower;

  @Label("Borrow Site")
  @Description("The borrower's stack trace, when leak-capture-rate sampled it")
  String borrowSite;
}
