package io.heapwise.demo;

import java.util.Map;

/**
 * The simulated expert-query service, in one of its two designs. Each request creates a query, fans
 * it out to the experts, stores their responses and hands the finished result to a batch buffer
 * that a flusher drains into a {@link SimulatedSink}.
 */
interface ExpertService extends AutoCloseable {

  /** Serves one request end to end; called by many worker threads at once. */
  void handle(long requestId);

  /** The figures about the service's own parts (store, pools, buffer, monitor) right now. */
  Map<Metric, Double> figures();

  /** Empties the response store, so that the heap it retained can be measured. */
  void clearStore();

  /** Stops the flusher (writing what is pending) and every background thread. */
  @Override
  void close();
}
