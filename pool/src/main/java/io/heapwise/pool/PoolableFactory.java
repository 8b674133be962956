package io.heapwise.pool;

/**
 * Creates the objects of a pool and manages their life: the one interface a pool needs from its
 * user. Only {@link #create()} is required; hooks left at their defaults cost nothing measurable
 * (the pool calls them through one monomorphic call site that the JIT inlines to nothing).
 *
 * <p>Hooks run on the thread that borrows or releases; they must be thread-safe only in the sense
 * that different objects may be handled on different threads at once. A hook that throws is treated
 * as described per method; it never corrupts the pool.
 *
 * @param <T> the pooled type
 */
public interface PoolableFactory<T> {

  /**
   * A factory from a constructor and a reset action, for the common case of objects that only need
   * clearing between uses.
   *
   * @throws NullPointerException if an argument is null
   */
  static <T> PoolableFactory<T> of(
      java.util.function.Supplier<? extends T> create,
      java.util.function.Consumer<? super T> reset) {
    java.util.Objects.requireNonNull(create, "create");
    java.util.Objects.requireNonNull(reset, "reset");
    return new PoolableFactory<>() {
      @Override
      public T create() {
        return create.get();
      }

      @Override
      public void reset(T object) {
        reset.accept(object);
      }
    };
  }

  /**
   * Creates a new object. Called when the pool is built ({@code prefill}), when it grows, and to
   * replace an object that failed {@link #validate} or was {@linkplain ObjectPool#invalidate
   * invalidated}.
   *
   * @return a new object, never null
   */
  T create();

  /**
   * Returns a released object to a clean state (clear its fields) before anyone can borrow it
   * again. If it throws, the object is destroyed instead of being reused, and the exception reaches
   * the caller that released it.
   */
  default void reset(T object) {}

  /**
   * Tells whether an object about to be lent is still usable. An invalid object is destroyed and
   * replaced by a new one before the borrow returns.
   */
  default boolean validate(T object) {
    return true;
  }

  /** Releases what an object holds outside the heap; called once per object the pool drops. */
  default void destroy(T object) {}
}
