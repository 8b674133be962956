package io.heapwise.pool;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creates, resets, validates and destroys the objects of an {@link ObjectPool}.
 *
 * <p>Only {@link #create()} is required. A hook left at its default costs nothing on the borrow and
 * release paths: the pool checks once, when it is built, which hooks the factory overrides and
 * calls only those.
 *
 * <p><b>Threads.</b> {@code create} and {@code validate} run on the borrowing thread, {@code reset}
 * on the releasing thread, {@code destroy} on whichever thread retires the object (a releaser, a
 * trim, the pressure listener, the leak reclaimer or {@code close()}). Hooks must be thread-safe
 * across objects; one object is never passed to two hooks at once.
 *
 * <p><b>Failures.</b> An exception from {@code create} reaches the borrower wrapped in a {@link
 * PoolException} naming the pool, and costs the pool no capacity. An exception from {@code reset}
 * or {@code validate} destroys that object (the pool keeps its size by creating another when
 * needed). An exception from {@code destroy} is logged and counted. None of them corrupts the pool.
 *
 * @param <T> the pooled type
 */
public interface PoolFactory<T> {

  /**
   * Creates a new object.
   *
   * @return the new object; never null
   */
  T create();

  /**
   * Prepares a released object for its next borrower, for example by clearing its fields. Runs on
   * the releasing thread before the object becomes available again. The default does nothing.
   *
   * @param object the released object
   */
  default void reset(T object) {}

  /**
   * Checks an idle object before it is lent out. An object for which this returns false (or throws)
   * is destroyed and replaced. The default accepts every object.
   *
   * @param object the object about to be borrowed
   * @return whether the object may be used
   */
  default boolean validate(T object) {
    return true;
  }

  /**
   * Releases whatever the object holds when the pool retires it. The default does nothing.
   *
   * @param object the retired object
   */
  default void destroy(T object) {}

  /**
   * Returns a factory with only a {@code create} hook.
   *
   * @param create makes new objects
   * @param <T> the pooled type
   * @return the factory
   * @throws NullPointerException if {@code create} is null
   */
  static <T> PoolFactory<T> of(Supplier<? extends T> create) {
    return new FunctionalFactory<>(create, null, null, null);
  }

  /**
   * Returns a factory with {@code create} and {@code reset} hooks: the usual shape for
   * request-scoped objects whose fields are cleared on release.
   *
   * @param create makes new objects
   * @param reset clears a released object
   * @param <T> the pooled type
   * @return the factory
   * @throws NullPointerException if an argument is null
   */
  static <T> PoolFactory<T> of(Supplier<? extends T> create, Consumer<? super T> reset) {
    return new FunctionalFactory<>(create, Objects.requireNonNull(reset, "reset"), null, null);
  }

  /**
   * Returns a factory built from functions; {@code reset}, {@code validate} and {@code destroy} may
   * be null for "no hook".
   *
   * @param create makes new objects; required
   * @param reset clears a released object, or null
   * @param validate checks an object before lending it, or null
   * @param destroy releases what a retired object holds, or null
   * @param <T> the pooled type
   * @return the factory
   * @throws NullPointerException if {@code create} is null
   */
  static <T> PoolFactory<T> of(
      Supplier<? extends T> create,
      Consumer<? super T> reset,
      Predicate<? super T> validate,
      Consumer<? super T> destroy) {
    return new FunctionalFactory<>(create, reset, validate, destroy);
  }
}
