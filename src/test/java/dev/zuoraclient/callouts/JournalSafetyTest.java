package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.AdaptiveConcurrencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.CliProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The journal keeps a log's promises against a real simulator and real files: one writer at a time,
 * nothing read back trusted, a file that is not a journal never modified, owner-only permissions.
 */
@Timeout(60)
class JournalSafetyTest {
  static final String TOKEN = "journal-token-123456";
  static final List<String> IDS = ids(30);
  static final ObjectMapper JSON = new ObjectMapper();

  ZuoraSimulator zuora;
  CalloutResendClient client;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(IDS)
            .latency(Duration.ofMillis(30))
            .start();
    client = CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  static BatchOptions.Builder batchesOf10(Path journal) {
    return BatchOptions.builder().batchSize(10).journal(journal);
  }

  @Test
  void aSecondRunOnTheSameJournal_isRefusedWhileTheFirstHoldsIt_andSendsNothing(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    CountDownLatch firstBatchDone = new CountDownLatch(1);
    CountDownLatch secondTried = new CountDownLatch(1);
    CompletableFuture<BatchResendResult> first =
        CompletableFuture.supplyAsync(
            () ->
                client.resendAll(
                    IDS,
                    batchesOf10(journal)
                        .progressListener(
                            p -> {
                              firstBatchDone.countDown();
                              awaitQuietly(secondTried);
                            })
                        .build()));
    assertThat(firstBatchDone.await(10, TimeUnit.SECONDS)).isTrue();
    long sentBefore = zuora.totalResends();

    assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(journal).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("in use by another run")
        .hasMessageContaining("nothing was sent");
    assertThat(zuora.totalResends()).as("the second run sent nothing").isEqualTo(sentBefore);
    // Nor may a look at what the journal holds, which would open and close a descriptor of it.
    assertThatThrownBy(() -> batchesOf10(journal).build().journalResolvedBatches(IDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use by another run in this program");
    // The refusal in this JVM must not have dropped the OS lock (closing any descriptor of a file
    // does that): another process is still refused.
    ProcessBuilder other =
        CliProcess.resend(
                zuora.baseUri().toString(),
                TOKEN,
                "--batch-size",
                "10",
                "--journal",
                journal.toString(),
                "--ids-file",
                Files.write(dir.resolve("ids.txt"), IDS, StandardCharsets.UTF_8).toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process started = other.start();
    assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(started.exitValue()).as("the other process's exit status").isEqualTo(2);
    assertThat(zuora.totalResends()).isEqualTo(sentBefore);
    secondTried.countDown();

    BatchResendResult r = first.get(30, TimeUnit.SECONDS);
    assertThat(r.isAllAccepted()).isTrue();
    assertThat(IDS).allSatisfy(id -> assertThat(zuora.resendCount(id)).isEqualTo(1));

    // Released once the first run ended: the same command now resumes, sending nothing again.
    BatchResendResult again = client.resendAll(IDS, batchesOf10(journal).build());
    assertThat(again.isAllAccepted()).isTrue();
    assertThat(zuora.totalResends()).isEqualTo(IDS.size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"not\":\"a journal\"}",
        "id-1\nid-2\nid-3",
        "{\"event\":\"run\",\"format\":1,\"ids\":31",
        "{\"event\":\"run\",\"format\":2}\n{\"event\":\"planned\"",
        "[]\n\n\n",
      })
  void aFileThatIsNotAJournal_isRefused_andLeftByteForByteAsItWas(String content, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("data.json");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(file).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a journal of this tool")
        .hasMessageContaining("left as it is");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void aTornHeaderOfThisVeryRun_isReplaced_sinceNothingWasSentUnderIt(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(IDS, batchesOf10(journal).build());
    String header = Files.readAllLines(journal, StandardCharsets.UTF_8).get(0);
    zuora.reset();
    zuora.addKnownIds(IDS);
    Files.writeString(journal, header.substring(0, header.length() / 2), StandardCharsets.UTF_8);

    BatchResendResult r = client.resendAll(IDS, batchesOf10(journal).build());

    assertThat(r.isAllAccepted()).isTrue();
    assertThat(Files.readAllLines(journal, StandardCharsets.UTF_8).get(0)).isEqualTo(header);
  }

  /** A journal of a finished run with one line changed, as a hand edit or a bad disk would. */
  static List<String> edited(Path journal, String event, int batch, UnaryOperator<ObjectNode> edit)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      ObjectNode e = (ObjectNode) JSON.readTree(line);
      boolean match = e.path("event").asText().equals(event) && e.path("batch").asInt() == batch;
      out.add(match ? JSON.writeValueAsString(edit.apply(e)) : line);
    }
    return out;
  }

  static List<UnaryOperator<ObjectNode>> resolvedEdits() {
    return List.of(
        e -> { // an accepted ID dropped
          ((ArrayNode) e.get("accepted")).remove(0);
          return e;
        },
        e -> { // an accepted ID repeated
          ((ArrayNode) e.get("accepted")).add(e.get("accepted").get(1).asText());
          ((ArrayNode) e.get("accepted")).remove(0);
          return e;
        },
        e -> { // an ID that was never planned
          ((ArrayNode) e.get("accepted")).set(0, "invented-id");
          return e;
        },
        e -> { // an accepted ID also listed as failed
          ((ArrayNode) e.get("failed"))
              .addObject()
              .put("id", e.get("accepted").get(0).asText())
              .put("code", "ObjectNotFound")
              .put("message", "x");
          return e;
        },
        e -> e.put("status", 500),
        e -> e.put("status", 400),
        e -> e.put("status", "202"),
        e -> {
          e.remove("accepted");
          return e;
        });
  }

  @Test
  void aResolvedLineThatDoesNotFitItsPlannedBatch_isRefused_beforeAnythingIsSent(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(IDS, batchesOf10(journal).build());
    List<String> original = Files.readAllLines(journal, StandardCharsets.UTF_8);
    int edit = 0;
    for (UnaryOperator<ObjectNode> change : resolvedEdits()) {
      edit++;
      Files.write(journal, edited(journal, "resolved", 2, change), StandardCharsets.UTF_8);
      byte[] before = Files.readAllBytes(journal);
      zuora.reset();
      zuora.addKnownIds(IDS);

      assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(journal).build()))
          .as("edit %d", edit)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is corrupt at line")
          .hasMessageContaining("nothing was sent");

      assertThat(zuora.totalResends()).as("edit %d", edit).isZero();
      assertThat(Files.readAllBytes(journal)).as("edit %d", edit).isEqualTo(before);
      Files.write(journal, original, StandardCharsets.UTF_8);
    }
    // the untouched journal still resumes (nothing to send)
    assertThat(client.resendAll(IDS, batchesOf10(journal).build()).isAllAccepted()).isTrue();
    assertThat(zuora.totalResends()).isZero();
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(strings = {"key\r\nX-Injected: 1", "key with spaces", "", "ключ"})
  void aPlannedKeyThatBreaksTheHeaderRules_isRefused_beforeAnythingIsSent(
      String key, @TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    // A run cut short after planning batch 1: batch 1 would be sent again with its key.
    String header = plannedOnly(journal);
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    ObjectNode planned = (ObjectNode) JSON.readTree(lines.get(1));
    planned.put("key", key);
    Files.write(journal, List.of(header, JSON.writeValueAsString(planned)), StandardCharsets.UTF_8);
    zuora.reset();
    zuora.addKnownIds(IDS);

    assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt at line 2")
        .hasMessageContaining("key");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void aBatchPlannedTwice_orResolvedTwice_isRefused(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(IDS, batchesOf10(journal).build());
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    for (String event : List.of("planned", "resolved")) {
      String line =
          lines.stream().filter(l -> l.contains("\"event\":\"" + event + "\"")).findFirst().get();
      List<String> twice = new ArrayList<>(lines);
      twice.add(line);
      Files.write(journal, twice, StandardCharsets.UTF_8);
      zuora.reset();

      assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(journal).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(event + " twice");
      assertThat(zuora.totalResends()).isZero();
    }
  }

  @Test
  void twoBatchesPlannedWithOneKey_areRefused_sinceZuoraCouldReplayOneForTheOther(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(IDS, batchesOf10(journal).build());
    String key =
        JSON.readTree(
                Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("\"planned\""))
                    .findFirst()
                    .orElseThrow())
            .get("key")
            .asText();
    Files.write(journal, edited(journal, "planned", 3, e -> e.put("key", key)));
    zuora.reset();

    assertThatThrownBy(() -> client.resendAll(IDS, batchesOf10(journal).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("planned with another batch's key");
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void aResolvedBatch_staysResolved_whatever_unresolvedLineFollowsIt(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("run.jsonl");
    client.resendAll(IDS, batchesOf10(journal).build());
    List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
    lines.add(
        "{\"event\":\"unresolved\",\"batch\":2,\"reason\":\"outcome unknown: x\","
            + "\"mayHaveBeenResent\":true}");
    Files.write(journal, lines, StandardCharsets.UTF_8);
    zuora.reset();

    BatchResendResult r = client.resendAll(IDS, batchesOf10(journal).build());

    assertThat(r.isAllAccepted()).isTrue();
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void aNewJournal_isReadableAndWritableByItsOwnerAlone(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path journal = dir.resolve("run.jsonl");

    client.resendAll(IDS, batchesOf10(journal).build());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
        .isEqualTo("rw-------");
  }

  /**
   * Writes the header and batch 1's planned line of a run over {@link #IDS}; returns the header.
   */
  String plannedOnly(Path journal) throws Exception {
    client.resendAll(IDS, batchesOf10(journal).build());
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    String planned =
        lines.stream().filter(l -> l.contains("\"planned\"")).findFirst().orElseThrow();
    Files.write(journal, List.of(lines.get(0), planned), StandardCharsets.UTF_8);
    return lines.get(0);
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
