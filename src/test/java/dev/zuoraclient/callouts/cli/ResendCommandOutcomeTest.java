package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every outcome of a run against a real local server: its exit status and its report. */
class ResendCommandOutcomeTest {
  static final String TOKEN = "cli-test-token-4f9a1c";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds("k1", "k2", "k3")
            .failingId("wf1", "InvalidValue", "Callouts created by Workflow cannot be resent.")
            .start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  private CliRun resend(String... args) {
    return CliRun.run(ENV, withServer(args));
  }

  private String[] withServer(String... args) {
    List<String> all = new ArrayList<>(List.of("resend", "--base-url", zuora.baseUri().toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  static JsonNode oneJsonDocument(String out) throws Exception {
    return JSON.readTree(out); // fails on anything after the first document
  }

  @Test
  void everyIdAccepted_exitsZero_andSaysSo() {
    CliRun run = resend("k1", "k2");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("Accepted 2 of 2 callout notifications: 0 failed, 0 unresolved.");
    assertThat(run.out()).doesNotContain("Failed", "Unresolved");
    assertThat(zuora.resendCount("k1")).isEqualTo(1);
    assertThat(zuora.resendCount("k2")).isEqualTo(1);
  }

  @Test
  void someIdsFail_exitsThree_andTablesThemWithZuorasCodeAndMessage() {
    CliRun run = resend("k1", "nope", "wf1");

    assertThat(run.status()).isEqualTo(3);
    assertThat(run.out())
        .startsWith("Accepted 1 of 3 callout notifications: 2 failed, 0 unresolved.")
        .containsPattern("nope +ObjectNotFound +Callout history does not exist\\.")
        .containsPattern("wf1 +InvalidValue +Callouts created by Workflow cannot be resent\\.")
        .containsPattern("Zuora-Request-Id: [0-9a-f-]{36}");
  }

  @Test
  void everyIdFails_exitsFour() throws Exception {
    CliRun run = resend("--output", "json", "nope1", "nope2");

    assertThat(run.status()).isEqualTo(4);
    JsonNode doc = oneJsonDocument(run.out());
    assertThat(doc.get("accepted").asInt()).isZero();
    assertThat(doc.get("failed")).hasSize(2);
    assertThat(doc.get("error").isNull()).isTrue();
  }

  @Test
  void serverFailing_withOneAttempt_exitsOne_andLeavesEveryIdUnresolved() throws Exception {
    zuora.failNext(1, 503);

    CliRun run = resend("--output", "json", "--max-attempts", "1", "k1", "k2");

    assertThat(run.status()).isEqualTo(1);
    JsonNode doc = oneJsonDocument(run.out());
    assertThat(doc.get("accepted").asInt()).isZero();
    assertThat(texts(doc.get("unresolved"))).containsExactly("k1", "k2");
    assertThat(doc.get("error").asText()).contains("503");
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void serverFailingOnce_isRetried_withTheDefaultAttempts() {
    zuora.failNext(1, 503);

    CliRun run = resend("k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.requests()).hasSize(2);
  }

  @Test
  void serverRefusingAnswers_withoutAKey_saysNothingWasResent() {
    zuora.failNext(1, 503);

    CliRun run = resend("--max-attempts", "1", "k1");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("Zuora resent none of them");
  }

  @Test
  void unreachableServer_exitsOne_andSaysNothingWasSent() throws Exception {
    String url = zuora.baseUri().toString();
    zuora.close();

    CliRun run = CliRun.run(ENV, "resend", "--base-url", url, "--max-attempts", "1", "k1", "k2");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains("2 unresolved")
        .containsPattern("k1 +1 +not sent: could not connect to ")
        .contains("Zuora resent none of them")
        .doesNotContain("may have resent");
  }

  @Test
  void jsonOutput_isExactlyOneDocument_withTheDocumentedFields() throws Exception {
    CliRun run = resend("--output", "json", "--track-id", "abc", "k1", "k2", "nope");

    assertThat(run.status()).isEqualTo(3);
    JsonNode doc = oneJsonDocument(run.out());
    assertThat(fieldNames(doc))
        .containsExactly(
            "requested",
            "accepted",
            "failed",
            "unresolved",
            "requestIds",
            "trackId",
            "error",
            "unresolvedDetails",
            "server",
            "journal",
            "cause");
    assertThat(doc.get("requested").asInt()).isEqualTo(3);
    assertThat(doc.get("accepted").asInt()).isEqualTo(2);
    JsonNode failure = doc.get("failed").get(0);
    assertThat(failure.get("id").asText()).isEqualTo("nope");
    assertThat(failure.get("code").asText()).isEqualTo("ObjectNotFound");
    assertThat(failure.get("message").asText()).isEqualTo("Callout history does not exist.");
    assertThat(doc.get("failed")).hasSize(1);
    assertThat(doc.get("unresolved")).isEmpty();
    assertThat(doc.get("requestIds")).hasSize(1);
    assertThat(doc.get("requestIds").get(0).asText()).hasSize(36);
    assertThat(doc.get("trackId").asText()).isEqualTo("abc");
    assertThat(doc.get("error").isNull()).isTrue();
    assertThat(doc.get("server").get("url").asText()).isEqualTo(zuora.baseUri().toString());
    assertThat(doc.get("server").get("simulator").asBoolean()).isFalse();
    assertThat(run.err()).doesNotContain("\"requested\"");
  }

  @Test
  void manyIds_goInBatchesOfTheSpecsMaxItems_withNothingLost_andKeysDerivedFromTheIdempotencyKey()
      throws Exception {
    int max = SpecRules.MAX_IDS;
    int n = 2 * max + max / 2;
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "id-" + i).toList();
    zuora.addKnownIds(ids);
    String stdin = String.join("\n", ids) + "\n";

    CliRun run =
        CliRun.run(
            ENV,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            withServer("--ids-file", "-", "--idempotency-key", "run-7", "--output", "json"));

    assertThat(run.status()).isZero();
    List<RecordedRequest> requests = zuora.requests();
    assertThat(requests).extracting(r -> r.ids().size()).containsExactly(max, max, max / 2);
    assertThat(requests)
        .extracting(r -> r.header("Idempotency-Key").orElseThrow())
        .hasSize(3)
        .doesNotHaveDuplicates()
        .allMatch(key -> key.matches("run-7-[0-9a-f]{16}"));
    List<String> sent = new ArrayList<>();
    requests.forEach(r -> sent.addAll(r.ids()));
    assertThat(sent).containsExactlyElementsOf(ids);
    JsonNode doc = oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isEqualTo(n);
    assertThat(doc.get("accepted").asInt()).isEqualTo(n);
    assertThat(doc.get("requestIds")).hasSize(3);
    assertThat(run.err())
        .contains("batch 1/3 done", "batch 3/3 done: " + n + " accepted, 0 failed");
  }

  @Test
  void failingMiddleBatch_leavesOnlyItsIdsUnresolved_andTheOthersAreReported() throws Exception {
    zuora.addKnownIds("k4", "k5");
    // The simulator fails "the next" requests; batches go one at a time and progress is printed
    // between them, so failing the request after batch 1's progress line fails batch 2 only.
    OutputStream failSecondBatch =
        new TriggerOnText("batch 1/3 done", () -> zuora.failNext(1, 503));

    CliRun run =
        CliRun.run(
            ENV,
            new ByteArrayInputStream(new byte[0]),
            failSecondBatch,
            withServer(
                CliRun.words("--batch-size 2 --max-attempts 1 --output json k1 k2 k3 k4 k5")));

    assertThat(run.status()).isEqualTo(1);
    JsonNode doc = oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isEqualTo(5);
    assertThat(doc.get("accepted").asInt()).isEqualTo(3);
    assertThat(texts(doc.get("unresolved"))).containsExactly("k3", "k4");
    JsonNode k3 = doc.get("unresolvedDetails").get(0);
    assertThat(k3.get("id").asText()).isEqualTo("k3");
    assertThat(k3.get("batch").asInt()).isEqualTo(2);
    assertThat(k3.get("reason").asText()).contains("503");
    assertThat(k3.get("mayHaveBeenResent").asBoolean()).isFalse();
    assertThat(doc.get("requestIds")).hasSize(2);
    assertThat(doc.get("error").asText()).contains("503");
    assertThat(zuora.resendCount("k5")).isEqualTo(1);
    assertThat(zuora.resendCount("k3")).isZero();
  }

  @Test
  void unresolvedIds_areTabledWithTheirBatchAndReason() {
    zuora.failNext(1, 503);

    CliRun run = resend("--max-attempts", "1", "--idempotency-key", "again", "k1");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("Accepted 0 of 1 callout notification: 0 failed, 1 unresolved.")
        .containsPattern("k1 +1 +not resent: Zuora answered 503")
        .contains("with the same IDs and --idempotency-key, is safe")
        .contains("batch 1: Zuora server error (503)");
  }

  @Test
  void requestHeaders_comeFromTheOptions() {
    CliRun run =
        resend(
            CliRun.words(
                "--track-id incident-42 --entity-id entity-1 --org-ids org-a,org-b --gzip k1"));

    assertThat(run.status()).isZero();
    RecordedRequest sent = zuora.requests().get(0);
    assertThat(sent.header("Zuora-Track-Id")).hasValue("incident-42");
    assertThat(sent.header("Zuora-Entity-Ids")).hasValue("entity-1");
    assertThat(sent.header("Zuora-Org-Ids")).hasValue("org-a,org-b");
    assertThat(sent.header("Content-Encoding")).hasValue("gzip");
    assertThat(sent.ids()).containsExactly("k1");
  }

  @Test
  void duplicateIds_areCountedOnce_andSentOnce() throws Exception {
    CliRun run = resend("--output", "json", "k1", "k2", "k1", "k2", "k1");

    assertThat(run.status()).isZero();
    assertThat(oneJsonDocument(run.out()).get("requested").asInt()).isEqualTo(2);
    assertThat(zuora.requests().get(0).ids()).containsExactly("k1", "k2");
  }

  @Test
  void concurrency_sendsEveryBatch_andReportsThemAll() throws Exception {
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> "c-" + i).toList();
    zuora.addKnownIds(ids);
    List<String> args = new ArrayList<>(List.of("--batch-size", "2", "--concurrency", "4"));
    args.add("--output");
    args.add("json");
    args.addAll(ids);

    CliRun run = resend(args.toArray(String[]::new));

    assertThat(run.status()).isZero();
    assertThat(oneJsonDocument(run.out()).get("accepted").asInt()).isEqualTo(10);
    assertThat(zuora.requests()).hasSize(5);
  }

  @Test
  void table_showsTheFirstTenRequestIds_andCountsTheRest() {
    List<String> ids = IntStream.range(0, 12).mapToObj(i -> "t-" + i).toList();
    zuora.addKnownIds(ids);
    List<String> args = new ArrayList<>(List.of("--batch-size", "1"));
    args.addAll(ids);

    CliRun run = resend(args.toArray(String[]::new));

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .containsPattern(
            "Zuora-Request-Id: ([0-9a-f-]{36}, ){9}[0-9a-f-]{36} and 2 more"
                + " \\(--output json lists them all\\)");
  }

  @Test
  void aRerunWithTheSameJournal_saysItResumes_andSendsNothingAgain(@TempDir Path dir) {
    String journal = dir.resolve("run.jsonl").toString();

    CliRun first = resend("--journal", journal, "--batch-size", "1", "k1", "k2");
    int sent = zuora.requests().size();
    CliRun again = resend("--journal", journal, "--batch-size", "1", "k1", "k2");

    assertThat(first.status()).isZero();
    assertThat(first.err()).doesNotContain("resuming");
    assertThat(again.status()).isZero();
    assertThat(again.err())
        .contains(
            ", resuming the run in "
                + journal
                + ": 2 of 2 batches resolved by an earlier run are not sent again.");
    assertThat(zuora.requests()).hasSize(sent);
  }

  @Test
  void baseUrl_overridesEnv() {
    CliRun run = resend("--env", "us-production-2", "k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.requests()).hasSize(1);
    assertThat(run.err()).contains("--base-url overrides --env");
  }

  @Test
  void verbose_logsEachExchangeOnStderr_butNeverTheToken() {
    CliRun run = resend("--verbose", "k1");

    assertThat(run.status()).isZero();
    assertThat(run.err())
        .containsPattern(
            "(?m)^[0-9T:.-]{23}Z batch 1/1 attempt 1/3 ---> POST "
                + java.util.regex.Pattern.quote(zuora.baseUri().toString()));
    assertThat(run.out()).doesNotContain("--->");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static List<String> fieldNames(JsonNode doc) {
    List<String> names = new ArrayList<>();
    doc.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A stream that runs an action once, as soon as a text has been written to it. */
  static final class TriggerOnText extends OutputStream {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final String text;
    private final Runnable action;
    private boolean fired;

    TriggerOnText(String text, Runnable action) {
      this.text = text;
      this.action = action;
    }

    @Override
    public synchronized void write(int b) {
      seen.write(b);
      if (!fired && seen.toString(StandardCharsets.UTF_8).contains(text)) {
        fired = true;
        action.run();
      }
    }
  }
}
