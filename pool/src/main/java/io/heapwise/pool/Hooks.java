package io.heapwise.pool;

import java.lang.reflect.Method;

/**
 * Which {@link PoolFactory} hooks a factory really has, decided once so that the hot path tests a
 * final boolean instead of calling a no-op through an interface (which would turn megamorphic as
 * soon as a JVM runs pools with different factories).
 */
final class Hooks {

  final boolean reset;
  final boolean validate;
  final boolean destroy;

  private Hooks(boolean reset, boolean validate, boolean destroy) {
    this.reset = reset;
    this.validate = validate;
    this.destroy = destroy;
  }

  static Hooks of(PoolFactory<?> factory) {
    if (factory instanceof FunctionalFactory<?> f) {
      return new Hooks(f.reset != null, f.validate != null, f.destroy != null);
    }
    Class<?> type = factory.getClass();
    return new Hooks(
        overrides(type, "reset"), overrides(type, "validate"), overrides(type, "destroy"));
  }

  private static boolean overrides(Class<?> type, String hook) {
    try {
      Method method = type.getMethod(hook, Object.class);
      return method.getDeclaringClass() != PoolFactory.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }
}
