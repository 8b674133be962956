package io.heapwise.demo.domain;

import java.util.Arrays;
import java.util.List;

/**
 * A small, fixed-capacity list of texts that allocates nothing once built: the constraints and tags
 * of a query. Not thread-safe: it belongs to the one query that holds it.
 */
public final class TextList {

  private final String[] items;
  private int size;

  /**
   * Creates an empty list that holds up to {@code capacity} texts.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public TextList(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    items = new String[capacity];
  }

  /**
   * Appends {@code text}.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if the list already holds {@link #capacity()} texts; the list is
   *     left unchanged
   */
  public void add(String text) {
    if (text == null) {
      throw new NullPointerException("text must not be null");
    }
    if (size == items.length) {
      throw new IllegalStateException(
          "list full: capacity " + items.length + ", cannot add '" + text + "'");
    }
    items[size++] = text;
  }

  /** Returns the text at {@code index}. */
  public String get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " out of range [0, " + size + ")");
    }
    return items[index];
  }

  /** Returns the number of texts. */
  public int size() {
    return size;
  }

  /** Returns the most texts this list can hold. */
  public int capacity() {
    return items.length;
  }

  /** Removes every text; drops the references so that nothing is kept alive by a pooled owner. */
  public void clear() {
    Arrays.fill(items, 0, size, null);
    size = 0;
  }

  /** Returns an unmodifiable copy. */
  public List<String> toList() {
    return List.of(Arrays.copyOf(items, size));
  }

  @Override
  public String toString() {
    return toList().toString();
  }
}
