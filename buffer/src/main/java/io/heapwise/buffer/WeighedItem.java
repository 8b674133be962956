package io.heapwise.buffer;

/**
 * One item of a buffer with a weigher, queued with the weight it was admitted at: the weigher runs
 * once per item, before its room is reserved, and the room given back when the item is delivered or
 * dropped is exactly the room it took, whatever the weigher would answer later (or if it would
 * throw). Reused through {@link WeighedItemRecycler}.
 */
final class WeighedItem {
  Object item;
  long weight;
}
