package io.heapwise.demo;

/** Runs one mode and returns what it measured; {@link ForkedRun} in a new JVM, fakes in tests. */
@FunctionalInterface
interface ModeRunner {

  /** Runs the plan; a run that fails returns figures with a failure rather than throwing. */
  RunFigures run(RunPlan plan, ProgressBar progress);
}
