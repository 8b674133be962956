package io.heapwise.demo;

import io.heapwise.demo.domain.Expert;
import io.heapwise.demo.domain.ExpertQuery;
import io.heapwise.demo.domain.ExpertResponse;
import io.heapwise.demo.domain.QueryCorpus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's design, as a Java service would write it: every query and response from {@code new};
 * responses kept in a TTL map bounded by entry count; finished results appended to an unbounded
 * list that a flusher drains. Nothing here knows the heap exists.
 */
final class PlainExpertService implements ExpertService {

  private final QueryCorpus corpus = new QueryCorpus();
  private final Expert[] experts;
  private final TtlMap store;
  private final List<List<ExpertResponse>> pending = new ArrayList<>();
  private final Flusher flusher;
  private final SimulatedSink sink;
  private final int batchSize;

  PlainExpertService(DemoConfig config, int storeMaxEntries, SimulatedSink sink) {
    experts = Experts.create(config);
    store = new TtlMap(storeMaxEntries, config.plainStoreTtl().toMillis());
    this.sink = sink;
    this.batchSize = config.flushBatchSize();
    flusher = new Flusher("plain-flusher", config, this::flushOnce);
    flusher.start();
  }

  @Override
  public void handle(long requestId) {
    long now = System.currentTimeMillis();
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, requestId, now);
    List<ExpertResponse> responses = new ArrayList<>(experts.length);
    for (int i = 0; i < experts.length; i++) {
      ExpertResponse response = new ExpertResponse();
      experts[i].answer(query, response, requestId * experts.length + i, now);
      responses.add(response);
      store.put(response.id(), response, now);
    }
    synchronized (pending) {
      pending.add(responses); // the seed's add_batch: no bound at all
    }
  }

  private int flushOnce() {
    int count;
    synchronized (pending) {
      count = Math.min(batchSize, pending.size());
      pending.subList(0, count).clear();
    }
    sink.write(count);
    return count;
  }

  @Override
  public Map<Metric, Double> figures() {
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    figures.put(Metric.STORE_ENTRIES, (double) store.size());
    figures.put(Metric.SINK_ITEMS, (double) sink.items());
    synchronized (pending) {
      figures.put(Metric.RESULTS_PENDING, (double) pending.size());
    }
    return figures;
  }

  @Override
  public void clearStore() {
    store.clear();
  }

  @Override
  public void close() {
    flusher.close();
  }

  /** A map that forgets entries after a TTL and its eldest past a count: the seed's TTL dict. */
  static final class TtlMap {
    private final int maxEntries;
    private final long ttlMillis;
    private final LinkedHashMap<Long, Timed> entries = new LinkedHashMap<>();

    TtlMap(int maxEntries, long ttlMillis) {
      this.maxEntries = maxEntries;
      this.ttlMillis = ttlMillis;
    }

    synchronized void put(long key, Object value, long nowMillis) {
      entries.put(key, new Timed(value, nowMillis + ttlMillis));
      Iterator<Timed> eldest = entries.values().iterator();
      while (eldest.hasNext()) {
        Timed next = eldest.next();
        if (entries.size() <= maxEntries && next.expiresAtMillis > nowMillis) {
          break;
        }
        eldest.remove();
      }
    }

    synchronized int size() {
      return entries.size();
    }

    synchronized void clear() {
      entries.clear();
    }

    private record Timed(Object value, long expiresAtMillis) {}
  }
}
