package io.heapwise.demo;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferStats;
import io.heapwise.cache.CacheStats;
import io.heapwise.cache.EvictionCause;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import io.heapwise.core.config.Settings;
import io.heapwise.demo.domain.ConsultationRecord;
import io.heapwise.monitor.MemoryMonitor;
import io.heapwise.monitor.MonitorStats;
import io.heapwise.pool.PoolStats;
import java.util.EnumMap;
import java.util.Map;

/**
 * The same service built with heapwise: queries and responses come from pools and go back after
 * each request ({@link PooledConsultation}); the answers are stored as compact {@link
 * ConsultationRecord}s in a byte-budget {@link MemoryAwareCache}; finished results go through a
 * {@link BoundedBatchBuffer} to the flusher; and the {@link MemoryMonitor} tells cache, buffer and
 * pools when memory pressure changes.
 */
final class HeapwiseExpertService implements ExpertService {

  private final int experts;
  private final PooledConsultation consultation;
  private final MemoryAwareCache<Long, ConsultationRecord> store;
  private final BoundedBatchBuffer<ConsultationRecord> results;
  private final MemoryMonitor monitor;
  private final Flusher flusher;
  private final SimulatedSink sink;

  HeapwiseExpertService(DemoConfig config, Settings settings, SimulatedSink sink) {
    HeapwiseSettings.Sections sections = HeapwiseSettings.read(settings);
    this.experts = config.experts();
    this.sink = sink;
    this.consultation =
        new PooledConsultation(Experts.create(config), sections.queries(), sections.responses());
    this.store =
        MemoryAwareCache.create(
            sections.store(), Sizers.<Long>boxed(), ConsultationRecord::retainedBytes);
    this.results =
        BoundedBatchBuffer.<ConsultationRecord>builder(
                sections.results(), batch -> sink.write(batch.size()))
            .weigher(ConsultationRecord::retainedBytes)
            .build();
    this.monitor = MemoryMonitor.start(sections.monitor());
    monitor.subscribe(store);
    monitor.subscribe(results);
    monitor.subscribe(consultation.queries());
    monitor.subscribe(consultation.responses());
    this.flusher = new Flusher("heapwise-flusher", config, results::drain);
    flusher.start();
  }

  @Override
  public void handle(long requestId) {
    ConsultationRecord record = consultation.consult(requestId, System.currentTimeMillis());
    store.put(requestId, record);
    try {
      results.offer(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the result buffer was full", e);
    }
  }

  @Override
  public Map<Metric, Double> figures() {
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    // The sink first: the flusher may still move results from the buffer to the sink, and reading
    // the buffer later can only find fewer of them inside, so the figures never count one twice.
    figures.put(Metric.SINK_ITEMS, (double) sink.items());
    CacheStats cache = store.stats();
    figures.put(Metric.STORE_ENTRIES, (double) cache.entries() * experts);
    figures.put(Metric.STORE_PRESSURE_EVICTIONS, (double) cache.evictions(EvictionCause.PRESSURE));
    PoolStats q = consultation.queries().stats();
    PoolStats r = consultation.responses().stats();
    long borrows = q.borrows() + r.borrows();
    figures.put(
        Metric.POOL_REUSE_PERCENT, borrows == 0 ? 0 : 100.0 * (q.hits() + r.hits()) / borrows);
    BufferStats buffer = results.stats();
    figures.put(Metric.BUFFER_ACCEPTED, (double) buffer.accepted());
    figures.put(Metric.BUFFER_REJECTED, (double) buffer.rejected());
    figures.put(Metric.BUFFER_DROPPED, (double) buffer.dropped());
    figures.put(Metric.RESULTS_PENDING, (double) buffer.items());
    MonitorStats watched = monitor.stats();
    figures.put(Metric.MONITOR_SAMPLES, (double) watched.samples());
    figures.put(Metric.MONITOR_INTERVAL_MILLIS, (double) watched.intervalMillis());
    figures.put(Metric.MONITOR_LEVEL_CHANGES, (double) watched.levelChanges());
    return figures;
  }

  @Override
  public void clearStore() {
    store.invalidateAll();
  }

  @Override
  public void close() {
    flusher.close();
    results.close();
    monitor.close();
    consultation.close();
  }
}
