package io.heapwise.cache;

/**
 * Tells how many bytes of heap a key or value retains, without walking its object graph: a function
 * the user writes once for their type (or takes from {@link Sizers}) and the cache calls on every
 * write. It must be fast, side-effect free and never negative; the figure should include the
 * object's own header and fields, aligned to 8 bytes, and what only it references.
 *
 * @param <T> the type it weighs
 */
@FunctionalInterface
public interface Sizer<T> {

  /** Returns the bytes {@code value} retains; 0 or more. */
  long sizeOf(T value);
}
