package io.heapwise.cache;

/**
 * Thrown through {@link MemoryAwareCache#asMap()} writes when an entry weighs more than {@code
 * max-entry-bytes}; the map is left unchanged. The cache's own {@code put} and {@code get} turn it
 * into a counted {@link PutOutcome#REFUSED_TOO_LARGE} instead.
 */
public final class EntryTooLargeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Object value;

  EntryTooLargeException(String message, Object value) {
    super(message);
    this.value = value;
  }

  /** The value that was refused, so that a loader's result is not lost. */
  Object value() {
    return value;
  }
}
