package io.heapwise.jmh.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the member of an asymmetric benchmark (a JMH {@code @Group}) whose score the report shows
 * as the group's, for example the producing side of a hand-off.
 *
 * <p>JMH scores a group by adding up the operations of all its members (in {@code thrpt}) or
 * averaging their times (in {@code avgt}), so a consumer that polls an empty queue a million times
 * a second would count as a million operations. With this annotation on one member of each group,
 * {@code docs/benchmarks.md} shows that member's score and error, and its allocation per operation
 * ({@code gc.alloc.rate.norm} scaled from all the group's operations to this member's).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GroupScore {}
