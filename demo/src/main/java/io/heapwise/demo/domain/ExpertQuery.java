package io.heapwise.demo.domain;

/**
 * A question put to the circle of experts: the seed's {@code ExpertQuery}, made reusable.
 *
 * <p>Every field can be set again after {@link #reset()}, and the collections inside are
 * fixed-capacity and array-backed, so a pooled query allocates nothing when it is filled for the
 * next request. Ids are {@code long}s and the deadline is epoch milliseconds: the seed's UUID
 * strings and datetime objects would be garbage on every request. Not thread-safe: one request owns
 * a query at a time.
 */
public final class ExpertQuery {

  /** Most context pairs a query carries. */
  public static final int MAX_CONTEXT = 8;

  /** Most constraints, and most tags, a query carries. */
  public static final int MAX_LIST = 8;

  private long id;
  private String title = "";
  private String content = "";
  private String requester = "";
  private QueryType type = QueryType.GENERAL;
  private QueryPriority priority = QueryPriority.MEDIUM;
  private final TextAttributes context = new TextAttributes(MAX_CONTEXT);
  private final TextList constraints = new TextList(MAX_LIST);
  private long deadlineEpochMillis;
  private final TextList tags = new TextList(MAX_LIST);

  /** Returns the query to the state of a new one, dropping every reference it held. */
  public void reset() {
    id = 0;
    title = "";
    content = "";
    requester = "";
    type = QueryType.GENERAL;
    priority = QueryPriority.MEDIUM;
    context.clear();
    constraints.clear();
    deadlineEpochMillis = 0;
    tags.clear();
  }

  public long id() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public String title() {
    return title;
  }

  public void setTitle(String title) {
    this.title = requireText(title, "title");
  }

  public String content() {
    return content;
  }

  public void setContent(String content) {
    this.content = requireText(content, "content");
  }

  public String requester() {
    return requester;
  }

  public void setRequester(String requester) {
    this.requester = requireText(requester, "requester");
  }

  public QueryType type() {
    return type;
  }

  public void setType(QueryType type) {
    this.type = java.util.Objects.requireNonNull(type, "type");
  }

  public QueryPriority priority() {
    return priority;
  }

  public void setPriority(QueryPriority priority) {
    this.priority = java.util.Objects.requireNonNull(priority, "priority");
  }

  /** The query's context (key/value pairs); fill it in place. */
  public TextAttributes context() {
    return context;
  }

  /** The query's constraints; fill it in place. */
  public TextList constraints() {
    return constraints;
  }

  /** The deadline in epoch milliseconds, or 0 for none. */
  public long deadlineEpochMillis() {
    return deadlineEpochMillis;
  }

  public void setDeadlineEpochMillis(long deadlineEpochMillis) {
    this.deadlineEpochMillis = deadlineEpochMillis;
  }

  /** The query's tags; fill it in place. */
  public TextList tags() {
    return tags;
  }

  private static String requireText(String value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ExpertQuery[id="
        + id
        + ", type="
        + type
        + ", priority="
        + priority
        + ", title="
        + title
        + "]";
  }
}
