package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.AdaptiveConcurrencyTest.assertEachProcessedOnce;
import static dev.zuoraclient.callouts.AdaptiveConcurrencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.internal.RunMachineryAccess;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk run that stops (an interrupt, an error every batch would hit) says why for every batch it
 * did not send; with a journal, a run cut short resumes without resending anything twice.
 */
class BatchStopAndResumeTest {
  static final String TOKEN = "stop-token-123456";
  static final List<String> IDS = ids(100);

  ZuoraSimulator zuora;
  CalloutResendClient client;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(IDS)
            .latency(Duration.ofMillis(60))
            .start();
    client = CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  /** Interrupts the running thread once {@code after} batches are done. */
  static BatchOptions.Builder interruptingAfter(int after, Thread runner) {
    return BatchOptions.builder()
        .batchSize(10)
        .concurrency(2)
        .progressListener(
            p -> {
              if (p.batchesDone() == after) {
                runner.interrupt();
              }
            });
  }

  @Test
  void anInterruptedRun_startsNoNewBatch_andSaysWhyForEveryBatchItDidNotSend() {
    BatchResendResult r =
        client.resendAll(IDS, interruptingAfter(3, Thread.currentThread()).build());

    assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
    assertThat(r.accepted().size() + r.unresolved().size()).isEqualTo(100);
    assertThat(r.accepted().size()).isBetween(30, 50);
    assertThat(r.errors()).isNotEmpty();
    assertThat(r.errors().stream().flatMap(e -> e.ids().stream()).toList())
        .containsExactlyElementsOf(r.unresolved());
    assertThat(r.errors())
        .allSatisfy(
            e -> {
              assertThat(e.error()).isInstanceOf(BatchNotSentException.class);
              assertThat(((BatchNotSentException) e.error()).reason())
                  .isEqualTo(BatchNotSentException.Reason.INTERRUPTED);
              assertThat(e.reason()).isEqualTo("not started: the run was interrupted");
              assertThat(e.mayHaveBeenResent()).isFalse();
            });
    assertThat(zuora.totalResends()).isEqualTo(r.accepted().size());
  }

  @Test
  void batchesInFlightPastTheGracePeriod_areAbandonedAsUnknown() throws Exception {
    zuora.close();
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(IDS)
            .latency(Duration.ofSeconds(3))
            .start();
    client = CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
    Thread runner = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                return;
              }
              runner.interrupt();
            });
    interrupter.start();
    long start = System.nanoTime();

    BatchResendResult r =
        client.resendAll(
            IDS,
            BatchOptions.builder()
                .batchSize(10)
                .concurrency(1)
                .stopGracePeriod(Duration.ofMillis(200))
                .build());

    Thread.interrupted();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(r.unresolved()).hasSize(100);
    BatchError first = r.errors().get(0);
    assertThat(first.reason()).startsWith("outcome unknown");
    assertThat(first.mayHaveBeenResent()).isTrue();
    assertThat(r.errors().get(1).reason()).isEqualTo("not started: the run was interrupted");
  }

  @Test
  void anErrorEveryBatchWouldHit_leavesAnEntryForEveryBatchNotSent() {
    zuora.revokeTokens();

    BatchResendResult r =
        client.resendAll(IDS.subList(0, 30), BatchOptions.builder().batchSize(10).build());

    assertThat(r.errors()).hasSize(3);
    assertThat(r.errors().get(0).error()).isInstanceOf(ZuoraAuthenticationException.class);
    for (BatchError e : r.errors().subList(1, 3)) {
      assertThat(e.error())
          .isInstanceOfSatisfying(
              BatchNotSentException.class,
              n -> {
                assertThat(n.reason()).isEqualTo(BatchNotSentException.Reason.STOPPED_BY_ERROR);
                assertThat(n.getCause()).isInstanceOf(ZuoraAuthenticationException.class);
              });
      assertThat(e.reason()).isEqualTo("not sent: an earlier error stopped the run");
    }
  }

  @Test
  void aThrowingListener_isReported_andTheRunGoesOn() {
    RuntimeException boom = new IllegalStateException("listener bug");
    List<BatchProgress> seen = new ArrayList<>();

    BatchResendResult r =
        client.resendAll(
            IDS,
            BatchOptions.builder()
                .batchSize(10)
                .progressListener(
                    p -> {
                      seen.add(p);
                      throw boom;
                    })
                .build());

    assertThat(r.accepted()).hasSize(100);
    assertThat(r.listenerError()).containsSame(boom);
    assertThat(seen).hasSize(1);
  }

  @Test
  void aJournaledRunCutShort_resumes_withoutResendingAnything(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    BatchResendResult first =
        client.resendAll(
            IDS, interruptingAfter(4, Thread.currentThread()).journal(journal).build());
    Thread.interrupted();
    int requestsBefore = zuora.requests().size();

    BatchResendResult resumed =
        client.resendAll(IDS, BatchOptions.builder().batchSize(10).journal(journal).build());

    assertThat(first.unresolved()).isNotEmpty();
    assertThat(resumed.accepted()).containsExactlyElementsOf(IDS);
    assertEachProcessedOnce(zuora, IDS);
    assertThat(zuora.requests().size() - requestsBefore)
        .as("only the batches without an outcome are sent again")
        .isEqualTo(first.errors().size());
    List<JsonNode> events = events(journal);
    assertThat(events.get(0).get("event").asText()).isEqualTo("run");
    assertThat(events.stream().map(e -> e.get("event").asText()))
        .contains("planned", "resolved", "unresolved", "resumed");
  }

  @Test
  void aBatchInFlightWhenTheRunDied_isSentAgainWithItsKey_andZuoraReplays(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    // What a kill -9 leaves: batch 1 planned and sent (Zuora processed it), no outcome recorded,
    // and a torn last line.
    client.resendAll(
        IDS.subList(0, 10),
        BatchOptions.builder()
            .batchSize(10)
            .requestOptions(ResendOptions.builder().idempotencyKey("incident-7").build())
            .build());
    String key = RunMachineryAccess.batchKey("incident-7", IDS.subList(0, 10));
    ObjectMapper json = new ObjectMapper();
    String header =
        "{\"event\":\"run\",\"format\":1,\"ids\":100,\"idsSha256\":\""
            + sha256(IDS)
            + "\",\"batchSize\":10,\"batches\":10}";
    String planned =
        json.writeValueAsString(
            json.createObjectNode()
                .put("event", "planned")
                .put("batch", 1)
                .put("key", key)
                .set("ids", json.valueToTree(IDS.subList(0, 10))));
    Files.writeString(journal, header + "\n" + planned + "\n{\"event\":\"resol");

    BatchResendResult resumed =
        client.resendAll(IDS, BatchOptions.builder().batchSize(10).journal(journal).build());

    assertThat(resumed.accepted()).containsExactlyElementsOf(IDS);
    assertEachProcessedOnce(zuora, IDS);
  }

  @Test
  void aJournalOfAnotherRun_orACorruptOne_isRefusedBeforeAnythingIsSent(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(
        IDS.subList(0, 20), BatchOptions.builder().batchSize(10).journal(journal).build());
    int requests = zuora.requests().size();

    assertThatThrownBy(
            () ->
                client.resendAll(
                    IDS, BatchOptions.builder().batchSize(10).journal(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was written for another run");
    // Another batch size is no other run: it resumes in the journal's batches (all resolved).
    BatchResendResult sameIds =
        client.resendAll(
            IDS.subList(0, 20), BatchOptions.builder().batchSize(5).journal(journal).build());
    assertThat(sameIds.batchCount()).isEqualTo(2);
    assertThat(sameIds.accepted()).containsExactlyElementsOf(IDS.subList(0, 20));
    assertThat(zuora.requests()).hasSize(requests);

    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    lines.set(1, "{not json");
    Files.write(journal, lines, StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                client.resendAll(
                    IDS.subList(0, 20),
                    BatchOptions.builder().batchSize(10).journal(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is corrupt at line 2");
    assertThat(zuora.requests()).hasSize(requests);
  }

  static List<JsonNode> events(Path journal) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      out.add(json.readTree(line));
    }
    return out;
  }

  static String sha256(List<String> ids) throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    for (String id : ids) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }
}
