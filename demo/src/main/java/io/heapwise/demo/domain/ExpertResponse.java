package io.heapwise.demo.domain;

/**
 * One expert's answer to an {@link ExpertQuery}: the seed's {@code ExpertResponse}, made reusable.
 *
 * <p>Content and reasoning are written into builders that keep their capacity across {@link
 * #reset()}, so a pooled response allocates nothing when the next answer is written into it. Not
 * thread-safe: one expert writes a response, then the request that owns it reads it.
 */
public final class ExpertResponse {

  /** Most metadata pairs a response carries. */
  public static final int MAX_METADATA = 6;

  private long id;
  private long queryId;
  private int expertId;
  private final StringBuilder content = new StringBuilder(384);
  private int confidencePermille;
  private final StringBuilder reasoning = new StringBuilder(192);
  private final TextAttributes metadata = new TextAttributes(MAX_METADATA);
  private long timestampEpochMillis;

  /** Returns the response to the state of a new one; the builders keep their capacity. */
  public void reset() {
    id = 0;
    queryId = 0;
    expertId = 0;
    content.setLength(0);
    confidencePermille = 0;
    reasoning.setLength(0);
    metadata.clear();
    timestampEpochMillis = 0;
  }

  public long id() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public long queryId() {
    return queryId;
  }

  public void setQueryId(long queryId) {
    this.queryId = queryId;
  }

  public int expertId() {
    return expertId;
  }

  public void setExpertId(int expertId) {
    this.expertId = expertId;
  }

  /** The answer text; write into it in place. */
  public StringBuilder content() {
    return content;
  }

  /** The expert's confidence in thousandths, 0 to 1000. */
  public int confidencePermille() {
    return confidencePermille;
  }

  /**
   * Sets the confidence in thousandths.
   *
   * @throws IllegalArgumentException if it is outside 0..1000
   */
  public void setConfidencePermille(int confidencePermille) {
    if (confidencePermille < 0 || confidencePermille > 1000) {
      throw new IllegalArgumentException(
          "confidencePermille must be in 0..1000, was " + confidencePermille);
    }
    this.confidencePermille = confidencePermille;
  }

  /** Why the expert answered as it did; write into it in place. */
  public StringBuilder reasoning() {
    return reasoning;
  }

  /** The response's metadata; fill it in place. */
  public TextAttributes metadata() {
    return metadata;
  }

  public long timestampEpochMillis() {
    return timestampEpochMillis;
  }

  public void setTimestampEpochMillis(long timestampEpochMillis) {
    this.timestampEpochMillis = timestampEpochMillis;
  }

  @Override
  public String toString() {
    return "ExpertResponse[id="
        + id
        + ", queryId="
        + queryId
        + ", expertId="
        + expertId
        + ", confidence="
        + confidencePermille
        + "‰]";
  }
}
