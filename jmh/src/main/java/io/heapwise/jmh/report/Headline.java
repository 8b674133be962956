package io.heapwise.jmh.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a benchmark class's results in the headline table of the README (between the {@code <!--
 * headline:start -->} and {@code <!-- headline:end -->} markers), in addition to {@code
 * docs/benchmarks.md}. Keep it to the few classes that answer "what does heapwise buy me?".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Headline {

  /** What the class measures, in a few words, as the headline table's row label. */
  String value();
}
