package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.AdaptiveConcurrencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.IdRules;
import dev.zuoraclient.callouts.internal.RunMachineryAccess;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by a run with another batch size, or by a version whose per-request limit was
 * larger, is resumed in its own batches with its own keys; what cannot be sent as it was is split
 * only when the journal shows it never reached Zuora, and refused, naming its IDs, otherwise. The
 * journals are written by the journal's own writer, as the earlier run or version wrote them.
 */
@Timeout(120)
class JournalLayoutResumeTest {
  static final String TOKEN = "layout-token-123456";
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX = IdRules.MAX_IDS_PER_REQUEST;

  ZuoraSimulator zuora;
  CalloutResendClient client;

  @BeforeEach
  void start() {
    zuora = ZuoraSimulator.builder().acceptToken(TOKEN).unknownIdPrefix("unknown").start();
    client = CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  /**
   * A journal as an earlier run wrote it: batch 1 resolved, batch 2 planned and then settled as
   * {@code mayHaveBeenResent}, or, when that is null, left in flight (the process died).
   */
  static String[] earlierRun(
      Path journal, List<String> ids, int batchSize, int limit, Boolean mayHaveBeenResent) {
    try (RunMachineryAccess.Journal old =
        RunMachineryAccess.openJournal(journal, ids, batchSize, limit)) {
      List<List<String>> batches = old.batches();
      String key1 = "old-run-key-1";
      String key2 = "old-run-key-2";
      assertThat(old.planned(1, key1, batches.get(0))).isTrue();
      assertThat(
              old.resolved(
                  1,
                  ResendResult.builder()
                      .accepted(batches.get(0))
                      .statusCode(202)
                      .idempotencyKey(key1)
                      .build()))
          .isTrue();
      assertThat(old.planned(2, key2, batches.get(1))).isTrue();
      if (mayHaveBeenResent != null) {
        assertThat(old.unresolved(2, "as the earlier run ended", mayHaveBeenResent)).isTrue();
      }
      return new String[] {key1, key2};
    }
  }

  static List<String> idsOf(RecordedRequest r) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(r.body()).forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aJournalOfAnotherBatchSize_isResumedInItsOwnBatches_withTheirKeys(@TempDir Path dir)
      throws Exception {
    List<String> ids = ids(30);
    Path journal = dir.resolve("run.jsonl");
    // the earlier run's batch 2 had no usable answer: Zuora may have resent it
    String[] keys = earlierRun(journal, ids, 10, MAX, true);
    BatchOptions options = BatchOptions.builder().batchSize(7).journal(journal).build();
    assertThat(options.journalPlan(ids)).contains(new JournalPlan(10, 3, 1, List.of()));

    BatchResendResult r = client.resendAll(ids, options);

    assertThat(r.isAllAccepted()).isTrue();
    assertThat(r.batchCount()).isEqualTo(3);
    List<RecordedRequest> sent = zuora.requests();
    assertThat(sent).hasSize(2);
    assertThat(idsOf(sent.get(0))).isEqualTo(ids.subList(10, 20));
    assertThat(sent.get(0).header("Idempotency-Key")).contains(keys[1]);
    assertThat(idsOf(sent.get(1))).isEqualTo(ids.subList(20, 30));
    assertThat(ids.subList(0, 10)).allSatisfy(id -> assertThat(zuora.resendCount(id)).isZero());
  }

  @Test
  void aBatchLargerThanTheLimitNow_neverSent_isSplitWithNewKeys_andTheSplitIsReadBack(
      @TempDir Path dir) throws Exception {
    // Written when a request could carry MAX + 5 IDs: two batches of MAX + 5.
    int oldLimit = MAX + 5;
    List<String> ids = ids(2 * oldLimit);
    Path journal = dir.resolve("run.jsonl");
    // refused with 429 and never sent again before the run stopped: Zuora resent none of it
    String[] keys = earlierRun(journal, ids, oldLimit, oldLimit, false);
    BatchOptions options = BatchOptions.builder().journal(journal).build();
    assertThat(options.journalPlan(ids)).contains(new JournalPlan(oldLimit, 3, 1, List.of(2)));

    BatchResendResult r = client.resendAll(ids, options);

    assertThat(r.isAllAccepted()).isTrue();
    assertThat(r.accepted()).containsExactlyElementsOf(ids);
    List<RecordedRequest> sent = zuora.requests();
    assertThat(sent).hasSize(2);
    assertThat(idsOf(sent.get(0))).isEqualTo(ids.subList(oldLimit, oldLimit + MAX));
    assertThat(idsOf(sent.get(1))).isEqualTo(ids.subList(oldLimit + MAX, ids.size()));
    assertThat(sent)
        .extracting(s -> s.header("Idempotency-Key").orElseThrow())
        .doesNotContain(keys[1])
        .doesNotHaveDuplicates();
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    JsonNode split =
        lines.stream()
            .map(JournalLayoutResumeTest::tree)
            .filter(e -> e.path("event").asText().equals("split"))
            .findFirst()
            .orElseThrow();
    assertThat(split.path("batch").asInt()).isEqualTo(2);
    assertThat(split.path("into").toString()).isEqualTo("[3,4]");

    // Read back: everything resolved, nothing sent again.
    assertThat(options.journalPlan(ids)).contains(new JournalPlan(oldLimit, 3, 3, List.of()));
    BatchResendResult again = client.resendAll(ids, options);
    assertThat(again.accepted()).containsExactlyElementsOf(ids);
    assertThat(zuora.requests()).hasSize(2);
  }

  @Test
  void aBatchLargerThanTheLimitNow_thatMayHaveReachedZuora_isRefusedNamingItsIds(@TempDir Path dir)
      throws Exception {
    int oldLimit = MAX + 5;
    List<String> ids = ids(2 * oldLimit);
    Path journal = dir.resolve("run.jsonl");
    earlierRun(journal, ids, oldLimit, oldLimit, null); // batch 2 in flight when the process died
    byte[] before = Files.readAllBytes(journal);
    BatchOptions options = BatchOptions.builder().journal(journal).build();

    for (Runnable attempt :
        List.<Runnable>of(() -> client.resendAll(ids, options), () -> options.journalPlan(ids))) {
      assertThatThrownBy(attempt::run)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("journal " + journal)
          .hasMessageContaining("batches of " + oldLimit + " IDs, more than the " + MAX)
          .hasMessageContaining(
              "batch 2 ("
                  + oldLimit
                  + " IDs, "
                  + ids.get(oldLimit)
                  + " to "
                  + ids.get(ids.size() - 1)
                  + ", listed on line 4)")
          .hasMessageContaining("Nothing was sent");
    }
    assertThat(zuora.requests()).isEmpty();
    assertThat(Files.readAllBytes(journal)).isEqualTo(before);
  }

  @Test
  void aBatchSettledAsNotSent_butResumedByARunThatDied_mayHaveReachedZuora(@TempDir Path dir)
      throws Exception {
    int oldLimit = MAX + 5;
    List<String> ids = ids(2 * oldLimit);
    Path journal = dir.resolve("run.jsonl");
    earlierRun(journal, ids, oldLimit, oldLimit, false);
    // A resumed run sends batch 2 again with its key (no planned line: it has one) and dies.
    RunMachineryAccess.openJournal(journal, ids, oldLimit, oldLimit).close();

    assertThatThrownBy(() -> client.resendAll(ids, BatchOptions.builder().journal(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Zuora may have resent batch 2 (");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void aSplitLine_forABatchThatMayHaveBeenSent_isCorrupt(@TempDir Path dir) throws Exception {
    List<String> ids = ids(30);
    Path journal = dir.resolve("run.jsonl");
    earlierRun(journal, ids, 10, MAX, true);
    Files.writeString(
        journal,
        "{\"event\":\"resumed\"}\n{\"event\":\"split\",\"batch\":2,\"batchSize\":5,\"into\":[4,5]}\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(
            () ->
                client.resendAll(ids, BatchOptions.builder().batchSize(5).journal(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is corrupt at line 7")
        .hasMessageContaining("batch 2 is split, but it is resolved or may have been sent");
    assertThat(zuora.requests()).isEmpty();
  }

  private static JsonNode tree(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
