package io.heapwise.demo.domain;

/**
 * A simulated expert: reads a query, does a little CPU work and writes its answer into a response.
 *
 * <p>The work is a hash over the query's text, repeated {@code workRounds} times, so that a request
 * costs some CPU as a real one would; its result sets the confidence and picks the phrasing.
 * Writing the answer appends to the response's builders and allocates nothing when the response is
 * reused. Thread-safe (immutable).
 */
public final class Expert {

  private static final String[] OPENINGS = {
    "Start by measuring before changing anything: ",
    "The data points to one likely cause: ",
    "A safe first step, reversible within minutes: ",
    "From similar incidents elsewhere: ",
  };

  private static final String[] ADVICE = {
    "bound every queue and cache by bytes rather than entries, and watch the live heap after"
        + " collections instead of the used figure, which always climbs between collections.",
    "reuse the request-scoped objects, since most of the garbage is created per request and"
        + " dies young; fewer young collections mean fewer pauses at the tail.",
    "add back-pressure at the edge so that a slow dependency slows producers down instead of"
        + " filling memory with work that will time out anyway.",
    "cap retries with a budget and jitter, so that an outage of a dependency does not multiply"
        + " the load on it exactly when it can least take it.",
  };

  private static final String[] AREAS = {
    "performance", "storage", "distributed-systems", "jvm", "reliability",
  };

  private final int id;
  private final String name;
  private final String area;
  private final int workRounds;

  /**
   * Creates an expert.
   *
   * @param id the expert's id, written into each response
   * @param workRounds how many times the expert hashes the query text per answer (0 or more)
   * @throws IllegalArgumentException if {@code workRounds} is negative
   */
  public Expert(int id, int workRounds) {
    if (workRounds < 0) {
      throw new IllegalArgumentException("workRounds must be 0 or more, was " + workRounds);
    }
    this.id = id;
    this.name = "expert-" + id;
    this.area = AREAS[Math.floorMod(id, AREAS.length)];
    this.workRounds = workRounds;
  }

  /** Returns the expert's id. */
  public int id() {
    return id;
  }

  /**
   * Answers {@code query} into {@code response}.
   *
   * @param query the question
   * @param response a new or {@linkplain ExpertResponse#reset() reset} response to write into
   * @param responseId the id to give the response
   * @param nowEpochMillis the response's timestamp
   */
  public void answer(
      ExpertQuery query, ExpertResponse response, long responseId, long nowEpochMillis) {
    int hash = think(query);
    response.setId(responseId);
    response.setQueryId(query.id());
    response.setExpertId(id);
    response.setConfidencePermille(500 + Math.floorMod(hash, 501));
    response
        .content()
        .append('[')
        .append(name)
        .append("] On \"")
        .append(query.title())
        .append("\": ")
        .append(OPENINGS[Math.floorMod(hash >>> 3, OPENINGS.length)])
        .append(ADVICE[Math.floorMod(hash >>> 7, ADVICE.length)]);
    response
        .reasoning()
        .append("Weighed ")
        .append(query.constraints().size())
        .append(" constraint(s) and ")
        .append(query.context().size())
        .append(" context item(s) for a ")
        .append(query.priority().name())
        .append(" priority ")
        .append(query.type().name())
        .append(" query from ")
        .append(query.requester())
        .append('.');
    response.metadata().put("expert", name);
    response.metadata().put("area", area);
    response.metadata().put("model", "heuristic-v2");
    response.setTimestampEpochMillis(nowEpochMillis);
  }

  /** The simulated CPU work: FNV-1a over title and content, {@code workRounds} times. */
  private int think(ExpertQuery query) {
    int hash = 0x811C9DC5 ^ id;
    for (int round = 0; round < workRounds; round++) {
      hash = fnv(hash, query.title());
      hash = fnv(hash, query.content());
    }
    return hash;
  }

  private static int fnv(int seed, String text) {
    int hash = seed;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x01000193;
    }
    return hash;
  }
}
