package io.heapwise.cache;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One pressure step of a cache: how much it gave up and why. Rare: one per pressure signal. */
@Name("io.heapwise.CachePressureEviction")
@Category({"heapwise", "cache"})
@Label("Cache Pressure Eviction")
@Description("A memory-aware cache lowered its budget under memory pressure and evicted entries")
final class CachePressureEvictionEvent extends jdk.jfr.Event {

  @Label("Cache")
  String cacheName;

  @Label("Pressure Level")
  String pressureLevel;

  @Label("Entries Evicted")
  long entriesEvicted;

  @Label("Bytes Evicted")
  @DataAmount(DataAmount.BYTES)
  long bytesEvicted;

  @Label("Budget Before")
  @DataAmount(DataAmount.BYTES)
  long budgetBefore;

  @Label("Budget After")
  @DataAmount(DataAmount.BYTES)
  long budgetAfter;
}
