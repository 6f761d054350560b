package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failed} and {@code resend --failed} against the embedded simulator and its demo outage
 * ({@link EmbeddedSimulator#DEMO_HISTORY}): what stdout and stderr say, the found set beside the
 * journal, and a resume that does not query again.
 */
class FailedCommandTest {
  private static final Map<String, String> NO_ENV = Map.of();
  private static final String WINDOW = "--from 2026-12-01T02:00:00Z --to 2026-12-01T03:00:00Z";
  private static final List<String> FOUND =
      List.of(
          "a02ea6d76931475bb73fcd339b5f6ht8g",
          "b13fb7e87a42586cc84a0de44a6c7iu9h",
          "e46ce0b1ad758b9ffb7d3ab77d9fal2k",
          "unknown-f57df1c2be869c0a0c8e4bc88");

  @TempDir Path dir;

  @Test
  void failed_listsTheOutagesFailures_withTheJobsStatesOnStderr() {
    CliRun run = CliRun.run(NO_ENV, CliRun.words("failed " + WINDOW));
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("Found 4 failed callouts to resend, created from 2026-12-01T02:00:00Z")
        .contains("Left out: 1 superseded failure")
        .contains("By response code: -1: 1, 404: 1, 500: 2");
    FOUND.forEach(id -> assertThat(run.out()).contains(id));
    assertThat(run.out()).doesNotContain("c24ac8f98b53697dd95b1ef55b7d8jv0i"); // superseded
    assertThat(run.err())
        .contains("using the embedded Zuora simulator")
        .containsPattern("Query job [0-9a-f-]{36}: accepted")
        .containsPattern("Query job [0-9a-f-]{36}: completed");
  }

  @Test
  void failed_idsOutput_isOneIdPerLine_andNothingElse() {
    CliRun run = CliRun.run(NO_ENV, CliRun.words("failed " + WINDOW + " -o ids"));
    assertThat(run.status()).isZero();
    assertThat(run.out().lines()).containsExactlyElementsOf(FOUND);
    assertThat(run.err()).contains("Found 4 failed callouts");
  }

  @Test
  void failed_jsonOutput_isOneDocument() throws Exception {
    CliRun run =
        CliRun.run(NO_ENV, CliRun.words("failed " + WINDOW + " --include-superseded -o json"));
    assertThat(run.status()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.path("found").asInt()).isEqualTo(5);
    assertThat(doc.path("superseded").asInt()).isZero();
    assertThat(doc.path("callouts")).hasSize(5);
    assertThat(doc.path("callouts").get(2).path("succeededLaterAt").asText())
        .isEqualTo("2026-12-01T02:50:00Z");
  }

  @Test
  void failed_aFilterThatMatchesNothing_isAnEmptyList() {
    CliRun run =
        CliRun.run(
            NO_ENV,
            "failed",
            "--from",
            "2026-12-01T02:00:00Z",
            "--to",
            "2026-12-01T03:00:00Z",
            "--event-category",
            "x' OR '1'='1");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Found 0 failed callouts to resend");
  }

  @Test
  void resendFailed_withNothingFound_sendsNothing_exits0_andItsJsonCarriesNoError()
      throws Exception {
    CliRun run =
        CliRun.run(
            NO_ENV,
            CliRun.words(
                "resend --failed "
                    + WINDOW
                    + " --event-category NoSuchCategory --output json --yes"));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("No failed callouts to resend: nothing was sent.");
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.path("error").isNull()).as(run.out()).isTrue();
    assertThat(doc.path("requested").asInt()).isZero();
    assertThat(doc.path("accepted").asInt()).isZero();
    assertThat(doc.path("failed")).isEmpty();
  }

  @Test
  void resendFailed_findsThenResends_andTheResumeDoesNotQueryAgain() throws Exception {
    Path journal = dir.resolve("outage.jsonl");
    String line = "resend --failed " + WINDOW + " --journal " + journal;
    CliRun first = CliRun.run(NO_ENV, CliRun.words(line));
    assertThat(first.status()).isEqualTo(ExitCodes.SOME_FAILED);
    assertThat(first.err())
        .contains("Found 4 failed callouts to resend")
        .contains("Resending 4 callout notifications in 1 batch");
    assertThat(first.out())
        .contains("Accepted 3 of 4")
        .contains("unknown-f57df1c2be869c0a0c8e4bc88");
    Path found = FoundSet.of(journal);
    assertThat(FoundSet.read(found).ids()).containsExactlyElementsOf(FOUND);

    CliRun again = CliRun.run(NO_ENV, CliRun.words(line));
    assertThat(again.status()).isEqualTo(ExitCodes.SOME_FAILED);
    assertThat(again.err())
        .contains("Resuming with the 4 failed callouts found when the run started")
        .doesNotContain("Query job");

    CliRun other =
        CliRun.run(
            NO_ENV,
            CliRun.words(
                "resend --failed --from 2026-12-01T02:30:00Z --to 2026-12-01T03:00:00Z --journal "
                    + journal));
    assertThat(other.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err()).contains("was found by another query (--from was");
  }

  @Test
  void resendFailed_anEditedFoundSet_isRefused_andNothingIsSent() throws Exception {
    Path journal = dir.resolve("outage.jsonl");
    String line = "resend --failed " + WINDOW + " --journal " + journal;
    assertThat(CliRun.run(NO_ENV, CliRun.words(line)).status()).isEqualTo(ExitCodes.SOME_FAILED);
    Path found = FoundSet.of(journal);
    Files.writeString(found, Files.readString(found).replace("a02ea6d7", "zzzzzzzz"));
    CliRun run = CliRun.run(NO_ENV, CliRun.words(line));
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Cannot resume").contains("its IDs were changed");
  }

  @Test
  void resendFailed_aJournalOfAnotherRun_isRefused() throws Exception {
    Path journal = dir.resolve("plain.jsonl");
    assertThat(CliRun.run(NO_ENV, CliRun.words("resend a1 a2 --journal " + journal)).status())
        .isZero();
    CliRun run =
        CliRun.run(NO_ENV, CliRun.words("resend --failed " + WINDOW + " --journal " + journal));
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("was not written by resend --failed");
  }

  @Test
  void resendFailed_dryRun_showsWhatWouldBeResent_andSendsNothing() {
    CliRun run = CliRun.run(NO_ENV, CliRun.words("resend --failed " + WINDOW + " --dry-run"));
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("Found 4 failed callouts")
        .contains("Dry run: nothing was resent.");
    assertThat(run.all()).doesNotContain("Resending").doesNotContain("Accepted");
  }

  @Test
  void resendFailed_withIds_isAUsageError() {
    CliRun run = CliRun.run(NO_ENV, CliRun.words("resend --failed " + WINDOW + " a1"));
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--failed finds the IDs to resend");
    CliRun noFlag = CliRun.run(NO_ENV, CliRun.words("resend a1 --from 2026-12-01T02:00:00Z"));
    assertThat(noFlag.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(noFlag.err()).contains("need --failed");
  }
}
