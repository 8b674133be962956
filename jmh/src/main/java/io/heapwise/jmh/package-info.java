/**
 * JMH benchmarks of every heapwise part against the plain alternative and the best peers; build
 * {@code jmh/target/benchmarks.jar} with {@code mvn package}.
 */
package io.heapwise.jmh;
