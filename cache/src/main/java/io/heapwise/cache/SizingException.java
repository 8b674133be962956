package io.heapwise.cache;

/**
 * Thrown when a {@link Sizer} fails on a write (it threw, or returned a negative size): the write
 * is not performed and the cache is left as it was. The message names the cache and the key; the
 * sizer's own exception, if any, is the cause.
 */
public final class SizingException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  SizingException(String message, Throwable cause) {
    super(message, cause);
  }
}
