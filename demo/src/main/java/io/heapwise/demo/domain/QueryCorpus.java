package io.heapwise.demo.domain;

/**
 * Fills queries with realistic, deterministic content taken from a fixed corpus.
 *
 * <p>The texts are constants, as a parsed request's strings would be: filling a query copies
 * references and allocates nothing, so a benchmark or the demo measures the cost of the query
 * objects themselves, not of made-up input. The same id always gives the same query. Thread-safe
 * (stateless).
 */
public final class QueryCorpus {

  private static final String[] TITLES = {
    "Reduce p99 latency of the checkout service",
    "Choose a cache eviction policy for product pages",
    "Review the retry strategy of the payment client",
    "Size the connection pool for the reporting database",
    "Plan the migration of user sessions to a new store",
    "Explain the GC pauses seen after the last deploy",
    "Pick a serialization format for the event bus",
    "Audit the rate limiter under bursty traffic",
  };

  private static final String[] CONTENTS = {
    "The service handles about a thousand requests a second and its tail latency doubled after"
        + " the last release. Heap usage looks stable but young collections became more frequent.",
    "We keep product pages in memory for four hours. Memory grows through the day and the"
        + " process restarts at night. We would like a bounded policy that keeps hot pages.",
    "The payment client retries three times with a fixed delay. During an outage of the"
        + " provider the retries tripled the load and the queue in front of it filled up.",
    "Reports run long queries at the top of every hour. The pool has fifty connections and the"
        + " database allows two hundred in total for all services that share it.",
    "Sessions live in a single node today. We need them to survive a restart and to move"
        + " between zones without users noticing, within a budget of a few milliseconds.",
  };

  private static final String[] REQUESTERS = {
    "alice@checkout", "bob@catalog", "carol@payments", "dave@reporting", "erin@platform",
  };

  private static final String[] CONTEXT_KEYS = {
    "service", "region", "tier", "owner", "runbook", "slo",
  };

  private static final String[] CONTEXT_VALUES = {
    "checkout", "eu-west-1", "gold", "team-orion", "https://wiki/runbooks/42", "99.9",
    "catalog", "us-east-2", "silver", "team-vega", "https://wiki/runbooks/7", "99.5",
  };

  private static final String[] CONSTRAINTS = {
    "no new infrastructure",
    "rollout within one sprint",
    "keep the public API unchanged",
    "stay within the current heap size",
    "no downtime",
    "budget of two engineers",
  };

  private static final String[] TAGS = {
    "latency", "memory", "gc", "cache", "database", "resilience", "capacity", "migration",
  };

  private static final QueryType[] TYPES = QueryType.values();
  private static final QueryPriority[] PRIORITIES = QueryPriority.values();

  /** How far past "now" a query's deadline lies. */
  private static final long DEADLINE_MILLIS = 30_000;

  /**
   * Fills {@code query} for request {@code id}, overwriting what it held.
   *
   * @param query a new or {@linkplain ExpertQuery#reset() reset} query
   * @param id the request id; the same id always gives the same content
   * @param nowEpochMillis the current time, from which the deadline is set
   */
  public void fill(ExpertQuery query, long id, long nowEpochMillis) {
    long bits = mix(id);
    query.setId(id);
    query.setTitle(pick(TITLES, bits));
    query.setContent(pick(CONTENTS, bits >>> 8));
    query.setRequester(pick(REQUESTERS, bits >>> 16));
    query.setType(TYPES[index(TYPES.length, bits >>> 24)]);
    query.setPriority(PRIORITIES[index(PRIORITIES.length, bits >>> 28)]);
    int contextPairs = 2 + index(3, bits >>> 32);
    for (int i = 0; i < contextPairs; i++) {
      query.context().put(CONTEXT_KEYS[i], pick(CONTEXT_VALUES, (bits >>> 34) + i * 7L));
    }
    int constraints = 1 + index(3, bits >>> 40);
    for (int i = 0; i < constraints; i++) {
      query.constraints().add(pick(CONSTRAINTS, (bits >>> 42) + i));
    }
    query.setDeadlineEpochMillis(nowEpochMillis + DEADLINE_MILLIS);
    int tags = 1 + index(3, bits >>> 48);
    for (int i = 0; i < tags; i++) {
      query.tags().add(pick(TAGS, (bits >>> 50) + i));
    }
  }

  private static String pick(String[] texts, long bits) {
    return texts[index(texts.length, bits)];
  }

  private static int index(int length, long bits) {
    return (int) Long.remainderUnsigned(bits, length);
  }

  /** SplitMix64's finalizer: spreads consecutive ids over the whole corpus. */
  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
