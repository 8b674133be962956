package io.heapwise.demo.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, fixed-capacity, insertion-ordered map of text keys to text values that allocates nothing
 * once built: the context of a query and the metadata of a response.
 *
 * <p>Keys are compared with {@link String#equals}; {@link #put} replaces the value of a key that is
 * already present. Not thread-safe: it belongs to the one query or response that holds it.
 */
public final class TextAttributes {

  private final String[] keys;
  private final String[] values;
  private int size;

  /**
   * Creates an empty map that holds up to {@code capacity} pairs.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public TextAttributes(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    keys = new String[capacity];
    values = new String[capacity];
  }

  /**
   * Sets {@code key} to {@code value}.
   *
   * @throws NullPointerException if the key or the value is null
   * @throws IllegalStateException if the key is new and the map already holds {@link #capacity()}
   *     pairs; the map is left unchanged
   */
  public void put(String key, String value) {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null: " + key + "=" + value);
    }
    int index = indexOf(key);
    if (index >= 0) {
      values[index] = value;
      return;
    }
    if (size == keys.length) {
      throw new IllegalStateException(
          "attributes full: capacity " + keys.length + ", cannot add key '" + key + "'");
    }
    keys[size] = key;
    values[size] = value;
    size++;
  }

  /** Returns the value of {@code key}, or null if it is absent. */
  public String get(String key) {
    int index = indexOf(key);
    return index < 0 ? null : values[index];
  }

  /** Returns the key at {@code index} in insertion order. */
  public String keyAt(int index) {
    return keys[checkIndex(index)];
  }

  /** Returns the value at {@code index} in insertion order. */
  public String valueAt(int index) {
    return values[checkIndex(index)];
  }

  /** Returns the number of pairs. */
  public int size() {
    return size;
  }

  /** Returns the most pairs this map can hold. */
  public int capacity() {
    return keys.length;
  }

  /** Removes every pair; drops the references so that nothing is kept alive by a pooled owner. */
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  /** Returns a new {@link LinkedHashMap} with the same pairs in the same order. */
  public Map<String, String> toMap() {
    Map<String, String> copy = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      copy.put(keys[i], values[i]);
    }
    return copy;
  }

  private int indexOf(String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " out of range [0, " + size + ")");
    }
    return index;
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
