package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A usage or validation error exits 2, says what is wrong, and sends nothing. */
class ResendCommandValidationTest {
  static final String TOKEN = "cli-validation-token-77e2";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1").start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  static final int TRACK_ID_MAX = SpecRules.ZUORA_TRACK_ID.maxLength();

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of("track ID with a colon", List.of("--track-id", "a:b", "k1"), "trackId"),
        Arguments.of(
            "track ID too long",
            List.of("--track-id", "t".repeat(TRACK_ID_MAX + 1), "k1"),
            String.valueOf(TRACK_ID_MAX)),
        Arguments.of("batch size 0", List.of("--batch-size", "0", "k1"), "batchSize"),
        Arguments.of(
            "batch size maxItems + 1",
            List.of("--batch-size", String.valueOf(SpecRules.MAX_IDS + 1), "k1"),
            "batchSize"),
        Arguments.of("batch size not a number", List.of("--batch-size", "ten", "k1"), "ten"),
        Arguments.of("concurrency 41", List.of("--concurrency", "41", "k1"), "concurrency"),
        Arguments.of("max attempts 0", List.of("--max-attempts", "0", "k1"), "maxAttempts"),
        Arguments.of("bad env name", List.of("--env", "mars-production", "k1"), "us-production-2"),
        Arguments.of("unknown option", List.of("--retries", "5", "k1"), "--retries"),
        Arguments.of("bad output format", List.of("--output", "xml", "k1"), "xml"),
        Arguments.of(
            "idempotency key with a space",
            List.of("--idempotency-key", "a b", "k1"),
            "idempotencyKey"),
        Arguments.of("entity ID with a comma", List.of("--entity-id", "a,b", "k1"), "entityId"),
        Arguments.of("empty org ID", List.of("--org-ids", "a,,b", "k1"), "orgIds"),
        Arguments.of("ID with a control character", List.of("k1", "k\t2"), "control"),
        Arguments.of("blank ID", List.of("k1", " "), "blank"),
        Arguments.of("no IDs", List.of(), "No callout history IDs"),
        Arguments.of("missing IDs file", List.of("--ids-file", "/no/such/file.txt"), "ids-file"),
        Arguments.of("simulator with a server", List.of("--simulator", "k1"), "--simulator"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void badCommandLine_exitsTwo_namesTheProblem_andSendsNothing(
      String name, List<String> args, String mentioned) {
    CliRun run = CliRun.run(ENV, withServer(args));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("error: ").contains(mentioned);
    assertThat(run.out()).isEmpty();
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void httpToARemoteHost_isRefused_beforeAnythingIsSent() {
    CliRun run = CliRun.run(ENV, "resend", "--base-url", "http://zuora.example.com", "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--base-url").contains("https");
  }

  @Test
  void badEnvName_alone_exitsTwo_listingTheNames() {
    CliRun run = CliRun.run(ENV, "resend", "--env", "us-prod", "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("'us-prod'").contains("eu-production", "apac-production");
  }

  @Test
  void usageError_withJsonOutput_printsOneDocumentWithTheError() throws Exception {
    CliRun run =
        CliRun.run(ENV, withServer(List.of("--output", "json", "--batch-size", "0", "k1")));

    assertThat(run.status()).isEqualTo(2);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isZero();
    assertThat(doc.get("accepted").asInt()).isZero();
    assertThat(doc.get("failed")).isEmpty();
    assertThat(doc.get("unresolved")).isEmpty();
    assertThat(doc.get("requestIds")).isEmpty();
    assertThat(doc.get("error").asText())
        .contains("batchSize must be between 1 and " + SpecRules.MAX_IDS);
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void unknownOption_withJsonOutput_stillPrintsOneDocument() throws Exception {
    CliRun run = CliRun.run(ENV, withServer(List.of("--output=json", "--bogus", "k1")));

    assertThat(run.status()).isEqualTo(2);
    assertThat(ResendCommandOutcomeTest.oneJsonDocument(run.out()).get("error").asText())
        .contains("--bogus");
  }

  @Test
  void missingSubcommand_exitsTwo() {
    CliRun run = CliRun.run(ENV);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand");
  }

  private String[] withServer(List<String> args) {
    List<String> all = new ArrayList<>(List.of("resend", "--base-url", zuora.baseUri().toString()));
    all.addAll(args);
    return all.toArray(String[]::new);
  }
}
