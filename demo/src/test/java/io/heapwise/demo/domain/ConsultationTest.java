package io.heapwise.demo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/** The query corpus, the experts and the stored record, used together as the demo uses them. */
class ConsultationTest {

  private final QueryCorpus corpus = new QueryCorpus();

  @Test
  void corpusIsDeterministicAndFillsEveryField() {
    ExpertQuery first = new ExpertQuery();
    ExpertQuery again = new ExpertQuery();
    corpus.fill(first, 42, 1_000);
    corpus.fill(again, 42, 1_000);

    assertThat(first.title()).isNotEmpty().isEqualTo(again.title());
    assertThat(first.content()).isNotEmpty().isEqualTo(again.content());
    assertThat(first.requester()).isNotEmpty();
    assertThat(first.context().toMap()).isEqualTo(again.context().toMap()).hasSizeBetween(2, 4);
    assertThat(first.constraints().size()).isBetween(1, 3);
    assertThat(first.tags().size()).isBetween(1, 3);
    assertThat(first.deadlineEpochMillis()).isEqualTo(31_000);
  }

  @Test
  void corpusSpreadsIdsOverDifferentQueries() {
    ExpertQuery query = new ExpertQuery();
    java.util.Set<String> titles = new java.util.HashSet<>();
    for (long id = 0; id < 100; id++) {
      query.reset();
      corpus.fill(query, id, 0);
      titles.add(query.title());
    }
    assertThat(titles).hasSizeGreaterThan(4);
  }

  @Test
  void expertAnswersFromTheQuery() {
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 7, 0);
    ExpertResponse response = new ExpertResponse();
    new Expert(3, 2).answer(query, response, 99, 123);

    assertThat(response.id()).isEqualTo(99);
    assertThat(response.queryId()).isEqualTo(7);
    assertThat(response.expertId()).isEqualTo(3);
    assertThat(response.content().toString()).startsWith("[expert-3]").contains(query.title());
    assertThat(response.reasoning().toString()).contains(query.requester());
    assertThat(response.confidencePermille()).isBetween(500, 1000);
    assertThat(response.metadata().get("expert")).isEqualTo("expert-3");
    assertThat(response.timestampEpochMillis()).isEqualTo(123);
  }

  @Test
  void resetObjectsAreRefilledWithoutAllocating() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    ExpertQuery query = new ExpertQuery();
    ExpertResponse response = new ExpertResponse();
    Expert expert = new Expert(1, 1);
    for (int i = 0; i < 20_000; i++) {
      consult(query, response, expert, i); // warm up, let the builders reach their size
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 10_000; i++) {
      consult(query, response, expert, i);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // A few hundred bytes of slack for the measurement itself, against ~2 KB per plain request.
    assertThat(allocated).isLessThan(1_000);
  }

  private void consult(ExpertQuery query, ExpertResponse response, Expert expert, long id) {
    query.reset();
    corpus.fill(query, id, id);
    response.reset();
    expert.answer(query, response, id, id);
  }

  @Test
  void recordRoundTripsResponsesIncludingWideText() {
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 5, 0);
    ExpertResponse[] responses = {new ExpertResponse(), new ExpertResponse()};
    new Expert(0, 1).answer(query, responses[0], 10, 1);
    new Expert(1, 1).answer(query, responses[1], 11, 2);
    responses[1].content().append(" — ✓ €");

    ConsultationRecord record = ConsultationRecord.of(5, responses, 2);
    List<ConsultationRecord.StoredResponse> stored = record.responses();

    assertThat(record.queryId()).isEqualTo(5);
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).content()).isEqualTo(responses[0].content().toString());
    assertThat(stored.get(1).content()).isEqualTo(responses[1].content().toString());
    assertThat(stored.get(1).reasoning()).isEqualTo(responses[1].reasoning().toString());
    assertThat(stored.get(1).metadata()).isEqualTo(responses[1].metadata().toMap());
    assertThat(stored.get(1).id()).isEqualTo(11);
    assertThat(stored.get(1).expertId()).isEqualTo(1);
    assertThat(stored.get(1).confidencePermille()).isEqualTo(responses[1].confidencePermille());
    assertThat(stored.get(1).timestampEpochMillis()).isEqualTo(2);
  }

  @Test
  void wideTextsKeepTheirOwnEncodingAmongLatin1Ones() {
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 6, 0);
    ExpertResponse[] responses = {new ExpertResponse(), new ExpertResponse()};
    new Expert(0, 1).answer(query, responses[0], 1, 1);
    new Expert(1, 1).answer(query, responses[1], 2, 2);
    responses[0].reasoning().append(" \uD83D"); // a lone surrogate must come back as it went in
    responses[1].metadata().put("note", "ÿ and Ā");

    ConsultationRecord record = ConsultationRecord.of(6, responses, 2);
    List<ConsultationRecord.StoredResponse> stored = record.responses();

    assertThat(stored.get(0).content()).isEqualTo(responses[0].content().toString());
    assertThat(stored.get(0).reasoning()).isEqualTo(responses[0].reasoning().toString());
    assertThat(stored.get(1).metadata()).isEqualTo(responses[1].metadata().toMap());
    assertThat(stored.get(1).content()).isEqualTo(responses[1].content().toString());
  }

  @Test
  void aPackerIsReusedAcrossRecordsOfAnySize() {
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 8, 0);
    ExpertResponse[] responses = {new ExpertResponse()};
    ConsultationRecord.Packer packer = new ConsultationRecord.Packer();
    Expert expert = new Expert(2, 1);

    expert.answer(query, responses[0], 1, 1);
    responses[0].content().append("x".repeat(100_000)); // grows, then drops, the scratch area
    ConsultationRecord large = packer.pack(8, responses, 1);
    String largeContent = responses[0].content().toString();
    responses[0].reset();
    expert.answer(query, responses[0], 2, 2);
    ConsultationRecord small = packer.pack(8, responses, 1);

    assertThat(large.responses().get(0).content()).isEqualTo(largeContent);
    assertThat(small.responses().get(0).content()).isEqualTo(responses[0].content().toString());
    assertThat(small.responses().get(0).id()).isEqualTo(2);
    assertThat(small.retainedBytes()).isLessThan(large.retainedBytes());
  }

  @Test
  void packingAllocatesOnlyTheRecord() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 4, 0);
    ExpertResponse[] responses = new ExpertResponse[5];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = new ExpertResponse();
      new Expert(i, 1).answer(query, responses[i], i, 0);
    }
    ConsultationRecord.Packer packer = new ConsultationRecord.Packer();
    long perRecord = packer.pack(4, responses, 5).retainedBytes();
    for (int i = 0; i < 20_000; i++) {
      packer.pack(4, responses, 5);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000; i++) {
      packer.pack(4, responses, 5);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // the record and its payload, plus slack for the measurement itself
    assertThat(allocated).isLessThan(1_000 * perRecord + 1_000);
  }

  @Test
  void retainedBytesMatchesJol() {
    ExpertQuery query = new ExpertQuery();
    corpus.fill(query, 9, 0);
    ExpertResponse[] responses = new ExpertResponse[5];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = new ExpertResponse();
      new Expert(i, 1).answer(query, responses[i], i, 0);
    }
    ConsultationRecord record = ConsultationRecord.of(9, responses, 5);

    assertThat(record.retainedBytes()).isEqualTo(GraphLayout.parseInstance(record).totalSize());
  }

  @Test
  void recordRejectsABadCount() {
    ExpertResponse[] responses = {new ExpertResponse()};
    assertThatThrownBy(() -> ConsultationRecord.of(1, responses, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..1")
        .hasMessageContaining("was 2");
  }
}
