package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without a server and without credentials, or with {@code --simulator}, the command runs against
 * the embedded simulator, which takes no credentials.
 */
class ResendCommandSimulatorModeTest {

  @Test
  void noServerGiven_usesTheEmbeddedSimulator_andSaysSoOnStderr() {
    CliRun run = CliRun.run(Map.of(), "resend", "a02ea6d76931475bb73fcd339b5f6ht8g");

    assertThat(run.status()).isZero();
    assertThat(run.err())
        .contains("No --env or --base-url given")
        .contains("embedded Zuora simulator")
        .contains("'unknown'");
    assertThat(run.out()).startsWith("Accepted 1 of 1 callout notification:");
  }

  @Test
  void idsStartingWithUnknown_failWithObjectNotFound_andTheOthersAreResent() throws Exception {
    CliRun run =
        CliRun.run(
            Map.of(), "resend", "--output", "json", "known-1", "unknown-1", "known-2", "unknown-2");

    assertThat(run.status()).isEqualTo(3);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("accepted").asInt()).isEqualTo(2);
    assertThat(doc.get("failed")).hasSize(2);
    assertThat(doc.get("failed").get(0).get("id").asText()).isEqualTo("unknown-1");
    assertThat(doc.get("failed").get(0).get("code").asText()).isEqualTo("ObjectNotFound");
  }

  @Test
  void onlyUnknownIds_exitFour() {
    CliRun run = CliRun.run(Map.of(), "resend", "--simulator", "unknown-a", "unknown-b");

    assertThat(run.status()).isEqualTo(4);
    assertThat(run.err()).startsWith("Using the embedded Zuora simulator");
  }

  @Test
  void explicitSimulator_withCredentials_runs_andSaysTheyAreNotUsed() {
    String token = "real-token-4410-never-sent";

    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", token), "resend", "--simulator", "x1");

    assertThat(run.status()).isZero();
    assertThat(run.err())
        .startsWith("Using the embedded Zuora simulator; nothing is sent to Zuora.")
        .contains("ZUORA_ACCESS_TOKEN is set but not used: the simulator takes no credentials.");
    assertThat(run.out()).contains("Server: embedded simulator at http://127.0.0.1:");
    assertThat(run.all()).doesNotContain(token);
  }

  @Test
  void explicitSimulator_withoutCredentials_saysNothingAboutThem() {
    CliRun run = CliRun.run(Map.of(), "resend", "--simulator", "x1");

    assertThat(run.status()).isZero();
    assertThat(run.err()).doesNotContain("not used");
  }

  @Test
  void simulatorRun_ofSeveralBatches_reportsProgressOnStderr() {
    CliRun run = CliRun.run(Map.of(), "resend", "--batch-size", "1", "x1", "x2", "unknown-3");

    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err())
        .contains("batch 1/3 done: 1 accepted, 0 failed, 0 unresolved")
        .contains("batch 3/3 done: 2 accepted, 1 failed, 0 unresolved");
    assertThat(run.out()).doesNotContain("batch 1/3");
  }
}
