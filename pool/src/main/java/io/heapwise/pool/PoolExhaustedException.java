package io.heapwise.pool;

/** Thrown when a pool at its maximum has nothing to lend and its policy forbids waiting longer. */
public final class PoolExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PoolExhaustedException(String message) {
    super(message);
  }
}
