package io.heapwise.jmh.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the benchmark method that the other methods of its class are compared with: the plain
 * alternative (usually {@code new}), whose ratio is 1.0 by definition.
 *
 * <p>The report groups results by class, mode, thread count and parameters; within a group every
 * method gets "speed vs baseline" and "alloc vs baseline" ratios from the same run. A class with no
 * marked method gets no ratios. Mark at most one method per class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Baseline {}
