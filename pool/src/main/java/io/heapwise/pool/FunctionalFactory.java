package io.heapwise.pool;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A {@link PoolFactory} made of functions; null hooks are reported as absent by {@link Hooks}. */
final class FunctionalFactory<T> implements PoolFactory<T> {

  final Supplier<? extends T> create;
  final Consumer<? super T> reset;
  final Predicate<? super T> validate;
  final Consumer<? super T> destroy;

  FunctionalFactory(
      Supplier<? extends T> create,
      Consumer<? super T> reset,
      Predicate<? super T> validate,
      Consumer<? super T> destroy) {
    this.create = Objects.requireNonNull(create, "create");
    this.reset = reset;
    this.validate = validate;
    this.destroy = destroy;
  }

  @Override
  public T create() {
    return create.get();
  }

  @Override
  public void reset(T object) {
    if (reset != null) {
      reset.accept(object);
    }
  }

  @Override
  public boolean validate(T object) {
    return validate == null || validate.test(object);
  }

  @Override
  public void destroy(T object) {
    if (destroy != null) {
      destroy.accept(object);
    }
  }
}
