package io.heapwise.demo;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferStats;
import io.heapwise.cache.CacheStats;
import io.heapwise.cache.EvictionCause;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import io.heapwise.core.config.Settings;
import io.heapwise.demo.domain.ConsultationRecord;
import io.heapwise.demo.domain.Expert;
import io.heapwise.demo.domain.ExpertQuery;
import io.heapwise.demo.domain.ExpertResponse;
import io.heapwise.demo.domain.QueryCorpus;
import io.heapwise.monitor.MemoryMonitor;
import io.heapwise.monitor.MonitorStats;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolStats;
import io.heapwise.pool.PoolableFactory;
import io.heapwise.pool.Pooled;
import java.util.EnumMap;
import java.util.Map;

/**
 * The same service built with heapwise: queries and responses come from pools and go back after
 * each request; the answers are stored as compact {@link ConsultationRecord}s in a byte-budget
 * {@link MemoryAwareCache}; finished results go through a {@link BoundedBatchBuffer} to the
 * flusher; and the {@link MemoryMonitor} tells cache, buffer and pools when memory pressure
 * changes.
 */
final class HeapwiseExpertService implements ExpertService {

  private final QueryCorpus corpus = new QueryCorpus();
  private final Expert[] experts;
  private final ObjectPool<ExpertQuery> queries;
  private final ObjectPool<ExpertResponse> responses;
  private final MemoryAwareCache<Long, ConsultationRecord> store;
  private final BoundedBatchBuffer<ConsultationRecord> results;
  private final MemoryMonitor monitor;
  private final Flusher flusher;
  private final SimulatedSink sink;
  // Per worker thread, reused: the handles and objects of the request in progress.
  private final ThreadLocal<Scratch> scratch;

  /** What one request holds while it is served. */
  private static final class Scratch {
    final Pooled<ExpertResponse>[] handles;
    final ExpertResponse[] answers;

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: created raw, used typed
    Scratch(int experts) {
      handles = new Pooled[experts];
      answers = new ExpertResponse[experts];
    }
  }

  HeapwiseExpertService(DemoConfig config, Settings settings, SimulatedSink sink) {
    HeapwiseSettings.Sections sections = HeapwiseSettings.read(settings);
    this.experts = Experts.create(config);
    this.sink = sink;
    this.queries =
        ObjectPool.create(sections.queries(), factory(ExpertQuery::new, ExpertQuery::reset));
    this.responses =
        ObjectPool.create(
            sections.responses(), factory(ExpertResponse::new, ExpertResponse::reset));
    this.store =
        MemoryAwareCache.create(
            sections.store(), Sizers.<Long>boxed(), ConsultationRecord::retainedBytes);
    this.results =
        BoundedBatchBuffer.<ConsultationRecord>builder(
                sections.results(), batch -> sink.write(batch.size()))
            .weigher(ConsultationRecord::retainedBytes)
            .build();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(experts.length));
    this.monitor = MemoryMonitor.start(sections.monitor());
    monitor.subscribe(store);
    monitor.subscribe(results);
    monitor.subscribe(queries);
    monitor.subscribe(responses);
    this.flusher = new Flusher("heapwise-flusher", config, results::drain);
    flusher.start();
  }

  private static <T> PoolableFactory<T> factory(
      java.util.function.Supplier<T> create, java.util.function.Consumer<T> reset) {
    return new PoolableFactory<>() {
      @Override
      public T create() {
        return create.get();
      }

      @Override
      public void reset(T object) {
        reset.accept(object);
      }
    };
  }

  @Override
  public void handle(long requestId) {
    long now = System.currentTimeMillis();
    Scratch request = scratch.get();
    try (Pooled<ExpertQuery> queryHandle = queries.borrow()) {
      ExpertQuery query = queryHandle.get();
      corpus.fill(query, requestId, now);
      int answered = 0;
      try {
        for (; answered < experts.length; answered++) {
          request.handles[answered] = responses.borrow();
          request.answers[answered] = request.handles[answered].get();
          experts[answered].answer(
              query, request.answers[answered], requestId * experts.length + answered, now);
        }
        ConsultationRecord record = ConsultationRecord.of(requestId, request.answers, answered);
        store.put(requestId, record);
        results.offer(record);
      } finally {
        for (int i = 0; i < answered; i++) {
          request.handles[i].close();
          request.handles[i] = null;
          request.answers[i] = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the result buffer was full", e);
    }
  }

  @Override
  public Map<Metric, Double> figures() {
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    CacheStats cache = store.stats();
    figures.put(Metric.STORE_ENTRIES, (double) cache.entries() * experts.length);
    figures.put(Metric.STORE_PRESSURE_EVICTIONS, (double) cache.evictions(EvictionCause.PRESSURE));
    PoolStats q = queries.stats();
    PoolStats r = responses.stats();
    long borrows = q.borrows() + r.borrows();
    figures.put(
        Metric.POOL_REUSE_PERCENT, borrows == 0 ? 0 : 100.0 * (q.hits() + r.hits()) / borrows);
    BufferStats buffer = results.stats();
    figures.put(Metric.BUFFER_ACCEPTED, (double) buffer.accepted());
    figures.put(Metric.BUFFER_REJECTED, (double) buffer.rejected());
    figures.put(Metric.BUFFER_DROPPED, (double) buffer.dropped());
    figures.put(Metric.SINK_ITEMS, (double) sink.items());
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
    queries.close();
    responses.close();
  }
}
