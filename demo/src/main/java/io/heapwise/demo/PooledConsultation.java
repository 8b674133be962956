package io.heapwise.demo;

import io.heapwise.demo.domain.ConsultationRecord;
import io.heapwise.demo.domain.Expert;
import io.heapwise.demo.domain.ExpertQuery;
import io.heapwise.demo.domain.ExpertResponse;
import io.heapwise.demo.domain.QueryCorpus;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.PoolFactory;
import io.heapwise.pool.Pooled;

/**
 * One request served with pooled objects: borrow a query, fill it, borrow a response per expert,
 * let each expert answer, pack the answers into a {@link ConsultationRecord}, give everything back.
 * The demo's heapwise mode and the end-to-end JMH benchmark both run exactly this code.
 *
 * <p>Thread-safe: the pools are shared, and each thread keeps its own handles in a reusable scratch
 * area, so serving a request allocates only the record.
 */
public final class PooledConsultation implements AutoCloseable {

  private final QueryCorpus corpus = new QueryCorpus();
  private final Expert[] experts;
  private final ObjectPool<ExpertQuery> queries;
  private final ObjectPool<ExpertResponse> responses;
  private final ThreadLocal<Scratch> scratch;

  /** What one request holds while it is served. */
  private static final class Scratch {
    final Pooled<ExpertResponse>[] handles;
    final ExpertResponse[] answers;
    final ConsultationRecord.Packer packer = new ConsultationRecord.Packer();

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: created raw, used typed
    Scratch(int experts) {
      handles = new Pooled[experts];
      answers = new ExpertResponse[experts];
    }
  }

  /**
   * @param experts who answers each query
   * @param queryPool how the query pool is sized
   * @param responsePool how the response pool is sized
   */
  public PooledConsultation(Expert[] experts, PoolConfig queryPool, PoolConfig responsePool) {
    this.experts = experts.clone();
    this.queries =
        ObjectPool.create(queryPool, PoolFactory.of(ExpertQuery::new, ExpertQuery::reset));
    this.responses =
        ObjectPool.create(responsePool, PoolFactory.of(ExpertResponse::new, ExpertResponse::reset));
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(this.experts.length));
  }

  /** Serves request {@code id} and returns its stored form. */
  public ConsultationRecord consult(long id, long nowEpochMillis) {
    Scratch request = scratch.get();
    try (Pooled<ExpertQuery> queryHandle = queries.borrow()) {
      ExpertQuery query = queryHandle.get();
      corpus.fill(query, id, nowEpochMillis);
      int answered = 0;
      try {
        for (; answered < experts.length; answered++) {
          request.handles[answered] = responses.borrow();
          request.answers[answered] = request.handles[answered].get();
          experts[answered].answer(
              query, request.answers[answered], id * experts.length + answered, nowEpochMillis);
        }
        return request.packer.pack(id, request.answers, answered);
      } finally {
        for (int i = 0; i < answered; i++) {
          request.handles[i].close();
          request.handles[i] = null;
          request.answers[i] = null;
        }
      }
    }
  }

  /** The query pool, to subscribe it to pressure or read its stats. */
  public ObjectPool<ExpertQuery> queries() {
    return queries;
  }

  /** The response pool, to subscribe it to pressure or read its stats. */
  public ObjectPool<ExpertResponse> responses() {
    return responses;
  }

  @Override
  public void close() {
    queries.close();
    responses.close();
  }
}
