package io.heapwise.buffer;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR: an offer found its buffer full and its policy acted. Emitted only on that path, and only
 * when a recording has the event enabled ({@link #isEnabled()} is checked first).
 */
@Name("io.heapwise.BufferOverflow")
@Category({"heapwise", "buffer"})
@Label("Buffer Overflow")
@Description("An offer found a heapwise buffer full: items rejected, dropped or run by the caller")
final class BufferOverflowEvent extends Event {

  @Label("Buffer")
  @Description("The buffer's name")
  String buffer;

  @Label("Policy")
  @Description("The overflow policy of the offer")
  String policy;

  @Label("Rejected")
  @Description("Items of this offer refused")
  long rejected;

  @Label("Dropped")
  @Description("Older items this offer dropped to make room")
  long dropped;

  @Label("Caller Ran")
  @Description("Items this offer delivered to the consumer itself")
  long callerRan;

  /** Commits one event if a recording wants it; allocates nothing otherwise (escape analysis). */
  static void emit(String buffer, OverflowPolicy policy, long rejected, long dropped, long ran) {
    BufferOverflowEvent event = new BufferOverflowEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.buffer = buffer;
    event.policy = policy.name();
    event.rejected = rejected;
    event.dropped = dropped;
    event.callerRan = ran;
    event.commit();
  }
}
