package io.heapwise.jmh.e2e;

import io.heapwise.demo.domain.Expert;
import io.heapwise.demo.domain.ExpertQuery;
import io.heapwise.demo.domain.ExpertResponse;
import io.heapwise.demo.domain.QueryCorpus;
import io.heapwise.jmh.report.Baseline;
import io.heapwise.jmh.report.Headline;
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

  /** Creates the experts and the stores. */
  @Setup
  public void setUp() {
    for (int i = 0; i < EXPERTS; i++) {
      experts[i] = new Expert(i, 1);
    }
    plainStore = new BoundedLinkedMap<>(STORED_QUERIES);
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
