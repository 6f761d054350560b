package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.HostileServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} makes every check a run makes, prints what the run would do, and sends nothing:
 * the servers here would record any request, a token request included.
 */
class DryRunTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLIENT_ID = "dry-client";
  static final String CLIENT_SECRET = "dry-secret-0123456789";
  static final Map<String, String> CLIENT =
      Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", CLIENT_SECRET);

  static ZuoraSimulator simulator() {
    return ZuoraSimulator.builder().client(CLIENT_ID, CLIENT_SECRET).unknownIdPrefix("u").start();
  }

  static void assertNothingReached(ZuoraSimulator zuora) {
    assertThat(zuora.tokenRequestCount()).as("token requests").isZero();
    assertThat(zuora.requests()).as("requests").isEmpty();
    assertThat(zuora.droppedRequests()).isZero();
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void table_saysWhatWouldBeSent_andNothingIs() {
    try (ZuoraSimulator zuora = simulator()) {
      CliRun run =
          CliRun.run(
              CLIENT,
              "resend",
              "--dry-run",
              "--base-url",
              zuora.baseUri().toString(),
              "--batch-size",
              "2",
              "a1",
              "a2",
              "a1",
              "a3");

      assertThat(run.status()).isZero();
      assertThat(run.out().lines().toList())
          .containsExactly(
              "Dry run: nothing was sent.",
              "Would resend 3 callout notifications in 2 batches of up to 2.",
              "Server: " + zuora.baseUri(),
              "Credentials: from ZUORA_CLIENT_ID (" + CLIENT_ID + ") and ZUORA_CLIENT_SECRET",
              "Journal: none");
      assertThat(run.all()).doesNotContain(CLIENT_SECRET);
      assertNothingReached(zuora);
    }
  }

  @Test
  void json_isOneDocument_andNothingIsSent() throws Exception {
    try (ZuoraSimulator zuora = simulator()) {
      int max = SpecRules.MAX_IDS;
      List<String> ids = IntStream.range(0, 2 * max + max / 2).mapToObj(i -> "id" + i).toList();
      CliRun run =
          CliRun.run(
              CLIENT,
              new java.io.ByteArrayInputStream(
                  String.join("\n", ids).getBytes(StandardCharsets.UTF_8)),
              "resend",
              "--dry-run",
              "--base-url",
              zuora.baseUri().toString(),
              "--ids-file",
              "-",
              "--output",
              "json");

      assertThat(run.status()).isZero();
      JsonNode doc = JSON.readTree(run.out());
      assertThat(doc.get("dryRun").asBoolean()).isTrue();
      assertThat(doc.get("requested").asInt()).isEqualTo(ids.size());
      assertThat(doc.get("batchSize").asInt()).isEqualTo(max);
      assertThat(doc.get("batches").asInt()).isEqualTo(3);
      assertThat(doc.get("server").get("url").asText()).isEqualTo(zuora.baseUri().toString());
      assertThat(doc.get("server").get("simulator").asBoolean()).isFalse();
      assertThat(doc.get("credentials").asText()).contains("ZUORA_CLIENT_ID");
      assertThat(doc.get("journal").isNull()).isTrue();
      assertThat(doc.get("confirmation").asBoolean()).isFalse();
      assertNothingReached(zuora);
    }
  }

  @Test
  void aServerThatRecordsEveryConnection_receivesNone() {
    try (HostileServer server = HostileServer.start()) {
      CliRun run =
          CliRun.run(
              Map.of("ZUORA_ACCESS_TOKEN", "dry-token-0123456789"),
              "resend",
              "--dry-run",
              "--base-url",
              server.baseUrl(),
              "a1");

      assertThat(run.status()).isZero();
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void anExistingJournal_isReadOnly_andSaidToResume(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    try (ZuoraSimulator zuora = simulator()) {
      Map<String, String> token =
          Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", CLIENT_SECRET);
      CliRun first =
          CliRun.run(
              token,
              "resend",
              "--base-url",
              zuora.baseUri().toString(),
              "--journal",
              journal.toString(),
              "a1",
              "a2");
      assertThat(first.status()).isZero();
      byte[] before = Files.readAllBytes(journal);
      FileTime modified = FileTime.fromMillis(1_000_000_000L);
      Files.setLastModifiedTime(journal, modified);
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.toList();
      }
      zuora.reset();

      CliRun dry =
          CliRun.run(
              token,
              "resend",
              "--dry-run",
              "--base-url",
              zuora.baseUri().toString(),
              "--journal",
              journal.toString(),
              "--output",
              "json",
              "a1",
              "a2");

      assertThat(dry.status()).isZero();
      JsonNode j = JSON.readTree(dry.out()).get("journal");
      assertThat(j.get("path").asText()).isEqualTo(journal.toString());
      assertThat(j.get("resumes").asBoolean()).isTrue();
      assertThat(j.get("resolvedBatches").asInt()).isEqualTo(1);
      assertThat(Files.readAllBytes(journal)).isEqualTo(before);
      assertThat(Files.getLastModifiedTime(journal)).isEqualTo(modified);
      try (Stream<Path> list = Files.list(dir)) {
        assertThat(list.toList()).containsExactlyInAnyOrderElementsOf(files);
      }
      assertNothingReached(zuora);

      Path fresh = dir.resolve("new.jsonl");
      CliRun table =
          CliRun.run(
              token,
              "resend",
              "--dry-run",
              "--base-url",
              zuora.baseUri().toString(),
              "--journal",
              fresh.toString(),
              "a1");
      assertThat(table.out()).contains("Journal: " + fresh + ": would be created");
      assertThat(fresh).doesNotExist();
    }
  }

  @Test
  void whatARunWouldRefuse_theDryRunRefusesToo(@TempDir Path dir) throws Exception {
    CliRun noCredentials =
        CliRun.run(Map.of(), "resend", "--dry-run", "--env", "us-production-2", "a1");
    assertThat(noCredentials.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(noCredentials.err()).contains("ZUORA_ACCESS_TOKEN");

    CliRun badBatch =
        CliRun.run(Map.of(), "resend", "--dry-run", "--simulator", "--batch-size", "0", "a1");
    assertThat(badBatch.status()).isEqualTo(ExitCodes.USAGE);

    CliRun badId = CliRun.run(Map.of(), "resend", "--dry-run", "--simulator", "a\u200Bb");
    assertThat(badId.status()).isEqualTo(ExitCodes.USAGE);

    CliRun noDir =
        CliRun.run(
            Map.of(),
            "resend",
            "--dry-run",
            "--simulator",
            "--journal",
            dir.resolve("missing/run.jsonl").toString(),
            "a1");
    assertThat(noDir.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(noDir.err()).contains("cannot be created");

    Path other = dir.resolve("other.jsonl");
    assertThat(
            CliRun.run(Map.of(), "resend", "--simulator", "--journal", other.toString(), "x1")
                .status())
        .isZero();
    byte[] before = Files.readAllBytes(other);
    CliRun otherRun =
        CliRun.run(
            Map.of(), "resend", "--dry-run", "--simulator", "--journal", other.toString(), "a1");
    assertThat(otherRun.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherRun.err()).contains("Cannot resume: journal").contains("another run");
    assertThat(Files.readAllBytes(other)).isEqualTo(before);

    Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
    CliRun notesRun =
        CliRun.run(
            Map.of(), "resend", "--dry-run", "--simulator", "--journal", notes.toString(), "a1");
    assertThat(notesRun.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(notesRun.err()).contains("is not a journal of this tool");
  }

  @Test
  void againstTheSimulator_nothingStarts_andTheReportSaysSo() {
    CliRun run = CliRun.run(Map.of(), "resend", "--dry-run", "a1");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("Server: embedded simulator (nothing was sent to Zuora)");
    assertThat(run.err()).doesNotContain("Resending");
  }

  @Test
  void aBigProductionRun_saysARealRunWouldAsk() {
    List<String> args =
        new java.util.ArrayList<>(List.of("resend", "--dry-run", "--env", "us-production-2"));
    IntStream.range(0, Confirmation.THRESHOLD + 1).forEach(i -> args.add("p" + i));
    CliRun run =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", "dry-token-0123456789"), args.toArray(new String[0]));

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("Server: https://rest.zuora.com (US Production (Cloud 2))")
        .contains("A real run would ask before sending");
  }

  @Test
  void aJournalOfAnotherBatchSize_isResumedInItsBatches_andBothTheDryRunAndTheRunSaySo(
      @TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    String[] ids = {"a1", "a2", "a3", "a4", "a5"};
    String[] first =
        Stream.concat(
                Stream.of(
                    "resend", "--simulator", "--batch-size", "2", "--journal", journal.toString()),
                Stream.of(ids))
            .toArray(String[]::new);
    assertThat(CliRun.run(Map.of(), first).status()).isZero();
    String[] resume =
        Stream.concat(
                Stream.of(
                    "resend", "--simulator", "--batch-size", "3", "--journal", journal.toString()),
                Stream.of(ids))
            .toArray(String[]::new);

    CliRun dryRun = CliRun.run(Map.of(), with(resume, "--dry-run"));
    CliRun json = CliRun.run(Map.of(), with(resume, "--dry-run", "-o", "json"));
    CliRun run = CliRun.run(Map.of(), resume);

    assertThat(dryRun.status()).isZero();
    assertThat(dryRun.out())
        .contains("Would resend 5 callout notifications in 3 batches, the journal's.")
        .contains("would resume the run it holds (3 of 3 batches resolved, not sent again)")
        .contains("in the journal's batches of 2, kept with their keys");
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("batches").asInt()).isEqualTo(3);
    assertThat(doc.get("journal").get("batchSize").asInt()).isEqualTo(2);
    assertThat(doc.get("journal").get("splitBatches").size()).isZero();
    assertThat(run.status()).isZero();
    assertThat(run.err())
        .contains("Resending 5 callout notifications in 3 batches")
        .contains("in the journal's batches of 2, kept with their keys")
        .contains("3 of 3 batches resolved by an earlier run are not sent again");
  }

  private static String[] with(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
