package io.heapwise.pool.commons;

/** Compares the wrapped object by identity, as Commons Pool does for pooled objects. */
final class IdentityKey {
  private final Object object;

  IdentityKey(Object object) {
    this.object = object;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdentityKey key && key.object == object;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(object);
  }
}
