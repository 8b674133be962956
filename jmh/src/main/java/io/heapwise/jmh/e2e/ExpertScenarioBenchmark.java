package io.heapwise.jmh.e2e;

import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import io.heapwise.demo.PooledConsultation;
import io.heapwise.demo.domain.ConsultationRecord;
import io.heapwise.demo.domain.Expert;
import io.heapwise.demo.domain.ExpertQuery;
import io.heapwise.demo.domain.ExpertResponse;
import io.heapwise.demo.domain.QueryCorpus;
import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.Headline;
import io.heapwise.pool.PoolConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The seed's scenario, one request per operation: build an {@link ExpertQuery}, have 5 experts
 * answer it into {@link ExpertResponse}s, store the answers, release everything.
 *
 * <p>Every variant uses the same domain classes, corpus and experts, so the differences come from
 * how the objects are obtained and how the answers are stored:
 *
 * <ul>
 *   <li>{@code plain}: {@code new} for every object; the responses themselves are kept in a map
 *       bounded by entry count (the seed's 500 queries), as the seed's TTL dict kept them.
 *   <li>{@code heapwisePools}: query and responses borrowed from heapwise pools and released; the
 *       answers kept as one compact {@link ConsultationRecord} per query in the same kind of map.
 *       Copying the answers' text (about 2,300 characters a request) into the record is work that
 *       {@code plain} does not do, since it keeps references: it is what halves the bytes stored.
 *   <li>{@code heapwisePoolsAndCache}: the same, stored in a {@link MemoryAwareCache} with a byte
 *       budget (about what the plain map holds) instead of the map.
 * </ul>
 */
@Headline("expert-query request (1 query, 5 responses, stored)")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ExpertScenarioBenchmark {

  static final int EXPERTS = 5;
  static final int STORED_QUERIES = 500;

  private final QueryCorpus corpus = new QueryCorpus();
  private final Expert[] experts = new Expert[EXPERTS];
  private long nextId;

  private Map<Long, List<ExpertResponse>> plainStore;
  private Map<Long, ConsultationRecord> recordStore;
  private MemoryAwareCache<Long, ConsultationRecord> cacheStore;
  private PooledConsultation pooled;

  /** Creates the experts and the stores. */
  @Setup
  public void setUp() {
    for (int i = 0; i < EXPERTS; i++) {
      experts[i] = new Expert(i, 1);
    }
    plainStore = new BoundedLinkedMap<>(STORED_QUERIES);
    recordStore = new BoundedLinkedMap<>(STORED_QUERIES);
    cacheStore =
        MemoryAwareCache.create(
            CacheConfig.builder("e2e").maxBytes(1_280 * 1024).build(),
            Sizers.<Long>boxed(),
            ConsultationRecord::retainedBytes);
    pooled =
        new PooledConsultation(
            experts,
            PoolConfig.builder("queries").maxSize(4).prefill(4).build(),
            PoolConfig.builder("responses").maxSize(EXPERTS * 4).prefill(EXPERTS * 4).build());
  }

  /** The seed's design: objects from {@code new}, response objects kept in an entry-bounded map. */
  @Benchmark
  @Baseline
  public int plain() {
    long id = nextId++;
    long now = System.currentTimeMillis();
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, id, now);
    List<ExpertResponse> responses = new ArrayList<>(EXPERTS);
    for (int i = 0; i < EXPERTS; i++) {
      ExpertResponse response = new ExpertResponse();
      experts[i].answer(query, response, id * EXPERTS + i, now);
      responses.add(response);
    }
    plainStore.put(id, responses);
    return plainStore.size();
  }

  /** Pooled query and responses; the answers stored as a compact record in an entry-bounded map. */
  @Benchmark
  public int heapwisePools() {
    long id = nextId++;
    recordStore.put(id, consult(id));
    return recordStore.size();
  }

  /** Pooled query and responses; the record stored in the byte-budget cache. */
  @Benchmark
  public long heapwisePoolsAndCache() {
    long id = nextId++;
    cacheStore.put(id, consult(id));
    return cacheStore.estimatedBytes();
  }

  private ConsultationRecord consult(long id) {
    return pooled.consult(id, System.currentTimeMillis());
  }

  /** An insertion-ordered map that drops its eldest entry past a fixed count, like the seed's. */
  static final class BoundedLinkedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int maxEntries;

    BoundedLinkedMap(int maxEntries) {
      super(maxEntries * 2);
      this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > maxEntries;
    }
  }
}
