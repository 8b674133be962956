package io.heapwise.jmh.report;

/** A benchmark class as the report sees it on the class path: a headline and a baseline. */
@Headline("sample")
public class SampleBenchmark {

  @Baseline
  public void plain() {}

  public void heapwise() {}
}
