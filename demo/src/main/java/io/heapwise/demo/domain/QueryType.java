package io.heapwise.demo.domain;

/** What kind of question an {@link ExpertQuery} asks; the seed's default is {@link #GENERAL}. */
public enum QueryType {
  GENERAL,
  TECHNICAL,
  RESEARCH,
  ARCHITECTURAL,
  REVIEW
}
