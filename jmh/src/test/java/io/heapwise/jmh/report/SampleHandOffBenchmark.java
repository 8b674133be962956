package io.heapwise.jmh.report;

import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;

/** An asymmetric benchmark as the report sees it: two producers and a consumer per group. */
public class SampleHandOffBenchmark {

  @Group("queue")
  @GroupThreads(2)
  @GroupScore
  public void queueOffer() {}

  @Group("queue")
  @GroupThreads(1)
  public void queueDrain() {}

  @Group("unscored")
  public void unscoredOffer() {}

  @Group("unscored")
  public void unscoredDrain() {}
}
